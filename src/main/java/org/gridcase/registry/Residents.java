package org.gridcase.registry;

import java.util.Collection;
import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface Residents extends JpaRepository<Resident, Long> {

    List<Resident> findByIdNumberIn(Collection<String> idNumbers);

    /** Residents by grid, building and tag, only in the given grids unless {@code everything}. */
    @Query(value = "select distinct r from Resident r join r.building b join b.grid g left join r.tags t "
            + "where (:everything = true or g.code in :grids) "
            + "and (:gridCode is null or g.code = :gridCode) and (:buildingCode is null or b.code = :buildingCode) "
            + "and (:tag is null or t = :tag)",
            countQuery = "select count(distinct r) from Resident r join r.building b join b.grid g left join r.tags t "
                    + "where (:everything = true or g.code in :grids) "
                    + "and (:gridCode is null or g.code = :gridCode) "
                    + "and (:buildingCode is null or b.code = :buildingCode) and (:tag is null or t = :tag)")
    Page<Resident> search(@Param("everything") boolean everything, @Param("grids") Collection<String> grids,
            @Param("gridCode") String gridCode, @Param("buildingCode") String buildingCode,
            @Param("tag") SpecialPopulation tag, Pageable pageable);
}

package org.gridcase.registry;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface Areas extends JpaRepository<Area, Long> {

    Optional<Area> findByCode(String code);

    List<Area> findByCodeIn(Collection<String> codes);

    List<Area> findByParentOrderByCode(Area parent);

    List<Area> findByParentIn(Collection<Area> parents);

    List<Area> findByLevelOrderByCode(AreaLevel level);

    /** Id, code, level and boundary of every area that has one: what the spatial index is built from. */
    @Query("select new org.gridcase.registry.Areas$Outline(a.id, a.code, a.name, a.level, a.boundaryWkt) "
            + "from Area a where a.boundaryWkt is not null")
    List<Outline> findOutlines();

    @Query("select a from Area a left join a.parent p where (:level is null or a.level = :level) "
            + "and (:parentCode is null or p.code = :parentCode) "
            + "and (:q is null or a.code like concat('%', :q, '%') or a.name like concat('%', :q, '%'))")
    Page<Area> search(@Param("level") AreaLevel level, @Param("parentCode") String parentCode,
            @Param("q") String q, Pageable pageable);

    /** Code, name, level and parent of every area: the in-memory index beside the spatial one. */
    @Query("select new org.gridcase.registry.Areas$ParentLink(a.code, a.name, a.level, p.code) "
            + "from Area a left join a.parent p")
    List<ParentLink> findParentLinks();

    /** Code and name of the given areas, without their boundaries. */
    @Query("select new org.gridcase.registry.Areas$CodeAndName(a.code, a.name) from Area a where a.code in :codes")
    List<CodeAndName> findNames(@Param("codes") Collection<String> codes);

    record ParentLink(String code, String name, AreaLevel level, String parentCode) {
    }

    record CodeAndName(String code, String name) {
    }

    record Outline(Long id, String code, String name, AreaLevel level, String wkt) {
    }
}

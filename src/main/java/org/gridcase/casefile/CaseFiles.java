package org.gridcase.casefile;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface CaseFiles extends JpaRepository<CaseFile, Long> {

    Optional<CaseFile> findByTrackingNumber(String trackingNumber);

    Optional<CaseFile> findByExternalId(String externalId);

    /**
     * Lists by status, grid and light; the light is computed from the deadlines against {@code now}. Unless
     * {@code everything}, only the cases of the given grids and departments (and those without a grid if
     * {@code ungridded}).
     */
    @Query("select c from CaseFile c where c.status in :statuses "
            + "and (:everything = true or c.gridCode in :grids or c.departmentCode in :departments "
            + "  or (:ungridded = true and c.gridCode is null)) "
            + "and (:grid is null or c.gridCode = :grid) and (:department is null or c.departmentCode = :department) "
            + "and (:light is null "
            + "  or (:light = 'RED' and c.handlingDueAt <= :now) "
            + "  or (:light = 'YELLOW' and c.yellowAt <= :now and c.handlingDueAt > :now) "
            + "  or (:light = 'GREEN' and (c.yellowAt is null or c.yellowAt > :now) and c.handlingDueAt > :now)) "
            + "and (:light is null or c.status not in :finished)")
    Page<CaseFile> search(@Param("statuses") Collection<CaseStatus> statuses, @Param("everything") boolean everything,
            @Param("grids") Collection<String> grids, @Param("departments") Collection<String> departments,
            @Param("ungridded") boolean ungridded, @Param("grid") String grid, @Param("department") String department, @Param("light") String light,
            @Param("now") Instant now, @Param("finished") Collection<CaseStatus> finished, Pageable pageable);

    /**
     * The cases whose reporter's phone has this key ({@link PhoneKeys}), within the grids and departments given (and
     * those without a grid if {@code ungridded}) unless {@code everything}. One index range ({@code ix_case_phone}).
     */
    @Query("select c from CaseFile c where c.reporterPhoneKey = :key and c.status in :statuses "
            + "and (:everything = true or c.gridCode in :grids or c.departmentCode in :departments "
            + "  or (:ungridded = true and c.gridCode is null))")
    Page<CaseFile> byPhone(@Param("key") String key, @Param("statuses") Collection<CaseStatus> statuses,
            @Param("everything") boolean everything, @Param("grids") Collection<String> grids,
            @Param("departments") Collection<String> departments, @Param("ungridded") boolean ungridded,
            Pageable pageable);
}

package org.gridcase.metrics;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.CaseStatus;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/**
 * What the light board asks of {@code case_file}: the open cases with a handling deadline of a scope (as
 * {@link CaseTallies} scopes them), through ix_case_status (status, handling_due_at), ix_case_grid (grid_code, status)
 * and ix_case_department (department_code, status). The light is the one {@link CaseFile#lightAt} derives from the
 * deadlines on the record: red from the handling deadline on, yellow from the yellow point before it.
 */
interface LightBoardCases extends Repository<CaseFile, Long> {

    String OPEN_IN_SCOPE = "from CaseFile c where c.status in :open and c.handlingDueAt is not null "
            + "and (:everything = true or c.gridCode in :grids or c.departmentCode in :departments "
            + "  or (:ungridded = true and c.gridCode is null)) "
            + "and (:department is null or c.departmentCode = :department) ";

    @Query("select count(c) " + OPEN_IN_SCOPE)
    long open(@Param("open") Collection<CaseStatus> open, @Param("everything") boolean everything,
            @Param("grids") Collection<String> grids, @Param("departments") Collection<String> departments,
            @Param("ungridded") boolean ungridded, @Param("department") String department);

    @Query("select count(c) " + OPEN_IN_SCOPE + "and c.handlingDueAt <= :now")
    long red(@Param("open") Collection<CaseStatus> open, @Param("everything") boolean everything,
            @Param("grids") Collection<String> grids, @Param("departments") Collection<String> departments,
            @Param("ungridded") boolean ungridded, @Param("department") String department, @Param("now") Instant now);

    @Query("select count(c) " + OPEN_IN_SCOPE + "and c.handlingDueAt > :now and c.yellowAt <= :now")
    long yellow(@Param("open") Collection<CaseStatus> open, @Param("everything") boolean everything,
            @Param("grids") Collection<String> grids, @Param("departments") Collection<String> departments,
            @Param("ungridded") boolean ungridded, @Param("department") String department, @Param("now") Instant now);

    @Query("select count(c) " + OPEN_IN_SCOPE + "and c.supervised = true")
    long supervised(@Param("open") Collection<CaseStatus> open, @Param("everything") boolean everything,
            @Param("grids") Collection<String> grids, @Param("departments") Collection<String> departments,
            @Param("ungridded") boolean ungridded, @Param("department") String department);

    /** Most overdue first (the earliest handling deadline), then the nearest deadline. */
    @Query("select c " + OPEN_IN_SCOPE + "order by c.handlingDueAt asc, c.id asc")
    List<CaseFile> cases(@Param("open") Collection<CaseStatus> open, @Param("everything") boolean everything,
            @Param("grids") Collection<String> grids, @Param("departments") Collection<String> departments,
            @Param("ungridded") boolean ungridded, @Param("department") String department, Limit limit);
}

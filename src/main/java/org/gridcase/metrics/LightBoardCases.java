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
 * {@link CaseTallies} scopes them), through ix_case_board (V24: status, deadline, yellow point, supervision, grid,
 * department — the counts read nothing else). The light is the one {@link CaseFile#lightAt} derives from the
 * deadlines on the record: red from the handling deadline on, yellow from the yellow point before it.
 */
interface LightBoardCases extends Repository<CaseFile, Long> {

    String OPEN_IN_SCOPE = "from CaseFile c where c.status in :open and c.handlingDueAt is not null "
            + "and (:everything = true or c.gridCode in :grids or c.departmentCode in :departments "
            + "  or (:ungridded = true and c.gridCode is null)) "
            + "and (:department is null or c.departmentCode = :department) ";

    /** How many open cases there are, how many red and yellow at {@code now}, how many supervised: one scan. */
    record Counts(long open, long red, long yellow, long supervised) {
    }

    @Query("select new org.gridcase.metrics.LightBoardCases$Counts(count(c), "
            + "coalesce(sum(case when c.handlingDueAt <= :now then 1 else 0 end), 0), "
            + "coalesce(sum(case when c.handlingDueAt > :now and c.yellowAt <= :now then 1 else 0 end), 0), "
            + "coalesce(sum(case when c.supervised = true then 1 else 0 end), 0)) " + OPEN_IN_SCOPE)
    Counts counts(@Param("open") Collection<CaseStatus> open, @Param("everything") boolean everything,
            @Param("grids") Collection<String> grids, @Param("departments") Collection<String> departments,
            @Param("ungridded") boolean ungridded, @Param("department") String department, @Param("now") Instant now);

    /** Most overdue first (the earliest handling deadline), then the nearest deadline. */
    @Query("select c " + OPEN_IN_SCOPE + "order by c.handlingDueAt asc, c.id asc")
    List<CaseFile> cases(@Param("open") Collection<CaseStatus> open, @Param("everything") boolean everything,
            @Param("grids") Collection<String> grids, @Param("departments") Collection<String> departments,
            @Param("ungridded") boolean ungridded, @Param("department") String department, Limit limit);
}

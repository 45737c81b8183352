package org.gridcase.metrics;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.CaseKind;
import org.gridcase.casefile.CaseStatus;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/**
 * The three questions the rates ask of {@code case_file}, for the cases received (created) in [{@code from},
 * {@code to}): one scan each of ix_case_rates (V24), which holds every column they read, never
 * Camunda's history. Unless {@code everything}, only the cases of the given grids and departments (and those without
 * a grid if {@code ungridded}), as the case list scopes them; kind, category and department narrow further when given.
 */
interface CaseTallies extends Repository<CaseFile, Long> {

    String PERIOD_AND_SCOPE = "from CaseFile c where c.createdAt >= :from and c.createdAt < :to "
            + "and (:everything = true or c.gridCode in :grids or c.departmentCode in :departments "
            + "  or (:ungridded = true and c.gridCode is null)) "
            + "and (:kind is null or c.kind = :kind) and (:category is null or c.category = :category) "
            + "and (:department is null or c.departmentCode = :department) ";

    @Query("select new org.gridcase.metrics.Tally(c.status, c.satisfaction, c.surveyResolved, c.respondedOnTime, "
            + "c.closedOnTime, c.reopened, count(c)) " + PERIOD_AND_SCOPE
            + "group by c.status, c.satisfaction, c.surveyResolved, c.respondedOnTime, c.closedOnTime, c.reopened")
    List<Tally> tally(@Param("from") Instant from, @Param("to") Instant to, @Param("everything") boolean everything,
            @Param("grids") Collection<String> grids, @Param("departments") Collection<String> departments,
            @Param("ungridded") boolean ungridded, @Param("kind") CaseKind kind, @Param("category") String category,
            @Param("department") String department);

    /**
     * Of those, the ones finished in {@code closed} with their handling time: how many took each number of working
     * days (two decimals, so a period has at most a few thousand distinct values).
     */
    @Query("select new org.gridcase.metrics.HandlingDays(c.handlingWorkingDays, count(c)) " + PERIOD_AND_SCOPE
            + "and c.status in :closed and c.handlingWorkingDays is not null group by c.handlingWorkingDays")
    List<HandlingDays> handling(@Param("from") Instant from, @Param("to") Instant to,
            @Param("everything") boolean everything, @Param("grids") Collection<String> grids,
            @Param("departments") Collection<String> departments, @Param("ungridded") boolean ungridded,
            @Param("kind") CaseKind kind, @Param("category") String category, @Param("department") String department,
            @Param("closed") Collection<CaseStatus> closed);

    /** Of those, the ones open (not in {@code open}'s complement) past their handling deadline at {@code now}. */
    @Query("select count(c) " + PERIOD_AND_SCOPE + "and c.status in :open and c.handlingDueAt <= :now")
    long overdue(@Param("from") Instant from, @Param("to") Instant to, @Param("everything") boolean everything,
            @Param("grids") Collection<String> grids, @Param("departments") Collection<String> departments,
            @Param("ungridded") boolean ungridded, @Param("kind") CaseKind kind, @Param("category") String category,
            @Param("department") String department, @Param("open") Collection<CaseStatus> open,
            @Param("now") Instant now);
}

package org.gridcase.metrics;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The assessment's two questions of {@code case_file} and its timeline {@code case_event} (never Camunda's history):
 * the cases whose last handling step was completed in [{@code from}, {@code to}) with who completed it, and the
 * returns made then; through ix_case_event_type_at (V19). Scoped as {@link CaseTallies} scopes the rates.
 */
@Component
class Assessments {

    private static final String SCOPE = " and (:everything = true or c.grid_code in (:grids) "
            + "or c.department_code in (:departments) or (:ungridded = true and c.grid_code is null)) "
            + "and (:department is null or c.department_code = :department) ";

    private static final String HANDLED = "select e.actor, c.handling_due_at, e.at, c.satisfaction, c.reopened, "
            + "c.supervised, c.handler_group from case_event e join case_file c on c.id = e.case_id "
            + "where e.type = 'HANDLED' and e.at >= :from and e.at < :to and e.actor is not null "
            + "and not exists (select 1 from case_event l where l.case_id = e.case_id and l.type = 'HANDLED' "
            + "  and (l.at > e.at or (l.at = e.at and l.id > e.id)))" + SCOPE;

    /**
     * The returns (退单) of the period that the dispatcher judged wrongful: the first re-dispatch after the return sent
     * the case back to the group that returned it.
     */
    private static final String WRONGFUL_RETURNS = "select e.actor, e.handler_group, count(*) n from case_event e "
            + "join case_file c on c.id = e.case_id where e.type = 'RETURNED' and e.at >= :from and e.at < :to "
            + "and e.actor is not null and e.handler_group is not null "
            + "and exists (select 1 from case_event r where r.case_id = e.case_id and r.type = 'REDISPATCHED' "
            + "  and r.handler_group = e.handler_group and r.id = (select min(x.id) from case_event x "
            + "  where x.case_id = e.case_id and x.type = 'REDISPATCHED' and x.id > e.id))"
            + SCOPE + "group by e.actor, e.handler_group";

    /** One handled case as the assessment needs it. */
    record Handled(String actor, boolean onTime, String satisfaction, boolean reopened, boolean supervised,
            String handlerGroup) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    Assessments(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Handled> handled(Instant from, Instant to, boolean everything, Collection<String> grids,
            Collection<String> departments, boolean ungridded, String department) {
        return jdbc.query(HANDLED, params(from, to, everything, grids, departments, ungridded, department),
                (rs, n) -> {
                    Timestamp due = rs.getTimestamp("handling_due_at");
                    Timestamp at = rs.getTimestamp("at");
                    return new Handled(rs.getString("actor"), due == null || !at.after(due),
                            rs.getString("satisfaction"), rs.getBoolean("reopened"), rs.getBoolean("supervised"),
                            rs.getString("handler_group"));
                });
    }

    /** How many wrongful returns one staff member made for one handler group. */
    record Returns(String actor, String handlerGroup, long count) {
    }

    /** The wrongful returns of the period per actor who returned and the group he returned for. */
    List<Returns> wrongfulReturns(Instant from, Instant to, boolean everything, Collection<String> grids,
            Collection<String> departments, boolean ungridded, String department) {
        return jdbc.query(WRONGFUL_RETURNS, params(from, to, everything, grids, departments, ungridded, department),
                (rs, n) -> new Returns(rs.getString("actor"), rs.getString("handler_group"), rs.getLong("n")));
    }

    private static MapSqlParameterSource params(Instant from, Instant to, boolean everything,
            Collection<String> grids, Collection<String> departments, boolean ungridded, String department) {
        return new MapSqlParameterSource().addValue("from", utc(from)).addValue("to", utc(to))
                .addValue("everything", everything).addValue("grids", grids).addValue("departments", departments)
                .addValue("ungridded", ungridded).addValue("department", department, java.sql.Types.VARCHAR);
    }

    /** The same UTC wall-clock Hibernate writes for an Instant (hibernate.jdbc.time_zone=UTC). */
    private static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
}

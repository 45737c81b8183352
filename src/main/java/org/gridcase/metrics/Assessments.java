package org.gridcase.metrics;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    private static final String RETURNS = "select e.actor, count(*) n from case_event e join case_file c "
            + "on c.id = e.case_id where e.type = 'RETURNED' and e.at >= :from and e.at < :to and e.actor is not null"
            + SCOPE + "group by e.actor";

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

    /** The returns of the period per actor who returned. */
    Map<String, Long> returns(Instant from, Instant to, boolean everything, Collection<String> grids,
            Collection<String> departments, boolean ungridded, String department) {
        Map<String, Long> returns = new HashMap<>();
        jdbc.query(RETURNS, params(from, to, everything, grids, departments, ungridded, department),
                rs -> {
                    returns.put(rs.getString("actor"), rs.getLong("n"));
                });
        return returns;
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

package org.gridcase.casefile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import org.gridcase.deadline.WorkingCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gives the cases finished before V20 their handling time in working days, once: V20 leaves a row in
 * {@code pending_backfill}; this runs while it is there, a batch at a time, and deletes it. Idempotent (two nodes
 * starting together compute the same values).
 */
@Component
class HandlingTimeBackfill {

    static final String JOB = "case_file.handling_working_days";
    private static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(HandlingTimeBackfill.class);

    private final JdbcTemplate jdbc;
    private final WorkingCalendar calendar;

    HandlingTimeBackfill(DataSource dataSource, WorkingCalendar calendar) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setMaxRows(BATCH);
        this.calendar = calendar;
    }

    private record Finished(long id, Instant createdAt, Instant closedAt) {
    }

    @EventListener(ApplicationReadyEvent.class)
    void run() {
        Integer pending = jdbc.queryForObject("select count(*) from pending_backfill where name = ?", Integer.class,
                JOB);
        if (pending == null || pending == 0) {
            return;
        }
        long done = 0;
        long after = 0;
        while (true) {
            List<Finished> batch = jdbc.query("select id, created_at, closed_at from case_file where id > ? "
                    + "and closed_at is not null and handling_working_days is null and status in "
                    + "('CLOSED', 'UNRESOLVABLE', 'ANSWERED', 'REJECTED', 'WITHDRAWN', 'MERGED') order by id",
                    (rs, n) -> new Finished(rs.getLong(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3))),
                    after);
            if (batch.isEmpty()) {
                break;
            }
            jdbc.batchUpdate("update case_file set handling_working_days = ? where id = ?", batch.stream()
                    .map(f -> new Object[] {BigDecimal.valueOf(calendar.workingDaysBetween(f.createdAt(),
                            f.closedAt())).setScale(2, RoundingMode.HALF_UP), f.id()})
                    .toList());
            done += batch.size();
            after = batch.get(batch.size() - 1).id();
        }
        jdbc.update("delete from pending_backfill where name = ?", JOB);
        log.info("Handling time in working days given to {} cases finished before V20", done);
    }

    /** The database keeps UTC wall-clock times (hibernate.jdbc.time_zone=UTC). */
    private static Instant instant(Timestamp t) {
        return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
}

package org.gridcase.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.gridcase.request.Categories;
import org.gridcase.support.BusinessClock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The benchmarks' city: a data generator (first written for MetricsBenchmark, issue 11) that fills {@code case_file}
 * with generated finished and open cases, tracking numbers {@code BM-C…} and {@code BM-O…}, the same for the same
 * number on every run, spread over 3,000 grids ({@link #grids()}: the demo town's 6 among them, the rest written into
 * the registry as 5 districts × 6 towns × 10 communities × 10 grids, without boundaries) and the registry's
 * departments: realistic mixes of kind, channel, category, status, survey answers, lateness, reopening and handling
 * time in working days, and one HANDLED line per finished case on the timeline. No reporter, no process: the rows
 * are written with SQL, in batches of 5,000 a transaction.
 */
public final class GeneratedCity {

    public static final int GRIDS = 3_000;
    private static final int WORKERS = 6_000;
    private static final int BATCH = 5_000;
    public static final String PREFIX = "BM-";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public GeneratedCity(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * Fills the database up to {@code closed} finished and {@code open} open generated cases; answers how many it
     * added.
     */
    public long generate(int closed, int open) {
        long closedHave = jdbc.queryForObject("select count(*) from case_file where tracking_number like ? "
                + "and closed_at is not null", Long.class, PREFIX + "C%");
        long openHave = jdbc.queryForObject("select count(*) from case_file where tracking_number like ? "
                + "and closed_at is null", Long.class, PREFIX + "O%");
        List<String> grids = grids();
        List<String> departments = jdbc.queryForList("select code from department order by code", String.class);
        List<String> categories = Categories.codes();
        long added = 0;
        long start = System.nanoTime();
        added += fill("C", closedHave, closed, true, grids, departments, categories);
        added += fill("O", openHave, open, false, grids, departments, categories);
        if (added > 0) {
            System.out.printf("%n== generated %,d cases in %d s%n", added, (System.nanoTime() - start) / 1_000_000_000);
        }
        return added;
    }

    /**
     * The demo town's grids first, then those of the rest of the city, generated into the registry once: 5 districts
     * of 6 towns of 10 communities of 10 grids (without boundaries: the benchmark locates nothing).
     */
    public List<String> grids() {
        List<String> grids = new ArrayList<>(jdbc.queryForList("select code from area where level = 'GRID' "
                + "and code not like 'BM-%' order by code", String.class));
        int demo = grids.size();
        for (int i = demo; i < GRIDS; i++) {
            grids.add(String.format("BM-G%04d", i));
        }
        if (jdbc.queryForObject("select count(*) from area where code = 'BM-D0'", Integer.class) == 0) {
            tx.executeWithoutResult(status -> {
                long city = jdbc.queryForObject("select id from area where level = 'CITY'", Long.class);
                for (int i = demo; i < GRIDS; i++) {
                    int community = i / 10;
                    int town = community / 10;
                    int district = town / 6;
                    long d = area("BM-D" + district, "基准区" + district, "DISTRICT", city);
                    long t = area("BM-T" + town, "基准镇" + town, "TOWN", d);
                    long c = area("BM-C" + community, "基准社区" + community, "COMMUNITY", t);
                    area(grids.get(i), "基准网格" + i, "GRID", c);
                }
            });
        }
        return grids;
    }

    /** The id of the area with that code, created under {@code parent} when it is not there yet. */
    private long area(String code, String name, String level, long parent) {
        List<Long> ids = jdbc.queryForList("select id from area where code = ?", Long.class, code);
        if (!ids.isEmpty()) {
            return ids.get(0);
        }
        Timestamp now = utc(BusinessClock.now());
        jdbc.update("insert into area (code, name, level, parent_id, version, created_at, updated_at) "
                + "values (?, ?, ?, ?, 0, ?, ?)", code, name, level, parent, now, now);
        return jdbc.queryForObject("select id from area where code = ?", Long.class, code);
    }

    private long fill(String series, long have, int want, boolean closed, List<String> grids,
            List<String> departments, List<String> categories) {
        long added = 0;
        for (long from = have; from < want; from += BATCH) {
            int n = (int) Math.min(BATCH, want - from);
            List<Row> rows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                rows.add(row(series, from + i, closed, grids, departments, categories));
            }
            insert(rows);
            added += n;
            if ((from / BATCH) % 40 == 0) {
                System.out.printf("== generating %s: %,d of %,d%n", series, from + n, want);
            }
        }
        return added;
    }

    private record Row(String trackingNumber, String kind, String channel, String category, String grid,
            String department, String status, Instant created, Instant responseDue, Instant respondedAt,
            boolean respondedOnTime, Instant handlingDue, Instant yellowAt, Instant closedAt, Boolean closedOnTime,
            BigDecimal handlingDays, String satisfaction, String surveyResolved, boolean reopened, boolean supervised,
            int escalation) {
    }

    private static final String[] OPEN_STATUSES = {"VERIFYING", "HANDLING", "HANDLING", "HANDLING", "HANDLING",
        "REDISPATCHING", "SIGNOFF", "SURVEY", "REINSPECTING"};

    /** One case, the same for the same number on every run (seeded by it). */
    private static Row row(String series, long number, boolean closed, List<String> grids, List<String> departments,
            List<String> categories) {
        SplittableRandom r = new SplittableRandom(number * 31 + (closed ? 1 : 2));
        Instant now = BusinessClock.now();
        LocalDate thisMonth = YearMonth.now(BusinessClock.ZONE).atDay(1);
        Instant created;
        if (closed) {
            Instant from = thisMonth.minusMonths(12).atStartOfDay(BusinessClock.ZONE).toInstant();
            Instant to = thisMonth.atStartOfDay(BusinessClock.ZONE).toInstant();
            created = from.plusSeconds(r.nextLong(to.getEpochSecond() - from.getEpochSecond()));
        } else {
            created = now.minusSeconds(r.nextLong(30L * 86_400));
        }
        boolean risk = r.nextInt(100) < 15;
        String category = risk ? "FIRE" : categories.get(r.nextInt(categories.size()));
        String grid = grids.get(r.nextInt(grids.size()));
        String department = r.nextInt(100) < 35 ? departments.get(r.nextInt(departments.size())) : null;
        int limitDays = 3 + r.nextInt(13);
        Instant responseDue = created.plusSeconds(86_400);
        Instant handlingDue = created.plusSeconds(limitDays * 86_400L);
        Instant yellow = handlingDue.minusSeconds(86_400);
        boolean respondedOnTime = r.nextInt(100) < 95;
        Instant respondedAt = created.plusSeconds(respondedOnTime ? r.nextInt(86_000) : 86_400 + r.nextInt(172_800));
        String status;
        Instant closedAt = null;
        Boolean closedOnTime = null;
        BigDecimal days = null;
        String satisfaction = null;
        String resolved = null;
        if (closed) {
            int s = r.nextInt(100);
            status = s < 85 ? "CLOSED" : s < 87 ? "UNRESOLVABLE" : s < 92 ? "ANSWERED" : s < 95 ? "WITHDRAWN"
                    : s < 98 ? "REJECTED" : "MERGED";
            // most cases take a few working days, a tail takes weeks
            double working = r.nextInt(100) < 90 ? 0.1 + r.nextDouble() * limitDays * 0.8 : limitDays + r.nextDouble()
                    * 20;
            days = BigDecimal.valueOf(working).setScale(2, RoundingMode.HALF_UP);
            closedAt = created.plusSeconds((long) (working * 1.4 * 86_400));
            closedOnTime = !closedAt.isAfter(handlingDue);
            if ("CLOSED".equals(status)) {
                int v = r.nextInt(100);
                satisfaction = v < 70 ? "SATISFIED" : v < 85 ? "BASICALLY_SATISFIED" : v < 90 ? "UNSATISFIED"
                        : "NOT_REACHED";
                resolved = "NOT_REACHED".equals(satisfaction) ? null : v < 85 ? "YES" : v < 88 ? "PARTLY" : "NO";
            }
        } else {
            status = OPEN_STATUSES[r.nextInt(OPEN_STATUSES.length)];
            // open cases: their deadlines from five days ago to ten days ahead
            handlingDue = now.plusSeconds(r.nextLong(15L * 86_400) - 5L * 86_400);
            yellow = handlingDue.minusSeconds(86_400);
        }
        int escalation = !closed && handlingDue.isBefore(now) ? 1 + r.nextInt(3) : 0;
        return new Row(PREFIX + series + number, risk ? "RISK" : "REQUEST", risk ? "GRID_WORKER"
                : r.nextBoolean() ? "HOTLINE" : "APP", category, grid, department, status, created, responseDue,
                respondedAt, respondedOnTime, handlingDue, yellow, closedAt, closedOnTime, days, satisfaction,
                resolved, r.nextInt(100) < 3, r.nextInt(100) < 2, escalation);
    }

    /** One batch of cases and their timeline lines, in one transaction (one commit, not one per row). */
    private void insert(List<Row> rows) {
        tx.executeWithoutResult(status -> insertInTransaction(rows));
    }

    private void insertInTransaction(List<Row> rows) {
        long lastId = jdbc.queryForObject("select coalesce(max(id), 0) from case_file", Long.class);
        jdbc.batchUpdate("insert into case_file (tracking_number, kind, channel, category, description, grid_code, "
                + "department_code, urgency, status, handler_group, response_due_at, handling_due_at, yellow_at, "
                + "supervised, escalation_level, reopen_count, satisfaction, created_by, created_at, updated_at, "
                + "closed_at, responded_at, responded_on_time, closed_on_time, reopened, survey_resolved, "
                + "handling_working_days, version) values (?, ?, ?, ?, ?, ?, ?, 'NORMAL', ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "'bench', ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", rows, rows.size(), (ps, row) -> {
                    ps.setString(1, row.trackingNumber());
                    ps.setString(2, row.kind());
                    ps.setString(3, row.channel());
                    ps.setString(4, row.category());
                    ps.setString(5, "生成的基准测试案件");
                    ps.setString(6, row.grid());
                    ps.setString(7, row.department());
                    ps.setString(8, row.status());
                    ps.setString(9, row.department() != null ? "dept-" + row.department() : "area-" + row.grid());
                    ps.setTimestamp(10, utc(row.responseDue()));
                    ps.setTimestamp(11, utc(row.handlingDue()));
                    ps.setTimestamp(12, utc(row.yellowAt()));
                    ps.setBoolean(13, row.supervised());
                    ps.setInt(14, row.escalation());
                    ps.setInt(15, row.reopened() ? 1 : 0);
                    ps.setString(16, row.satisfaction());
                    ps.setTimestamp(17, utc(row.created()));
                    ps.setTimestamp(18, utc(row.closedAt() != null ? row.closedAt() : row.created()));
                    ps.setTimestamp(19, row.closedAt() == null ? null : utc(row.closedAt()));
                    ps.setTimestamp(20, utc(row.respondedAt()));
                    ps.setBoolean(21, row.respondedOnTime());
                    nullable(ps, 22, row.closedOnTime());
                    ps.setBoolean(23, row.reopened());
                    ps.setString(24, row.surveyResolved());
                    ps.setBigDecimal(25, row.handlingDays());
                });
        // the timeline's HANDLED line of each finished case of the batch, by one of the city's workers
        jdbc.update("insert into case_event (case_id, at, actor, type, note, handler_group) select id, closed_at, "
                + "concat('bm-w', mod(id, " + WORKERS + ")), 'HANDLED', '已办理', handler_group from case_file "
                + "where id > ? and closed_at is not null", lastId);
    }

    private static void nullable(PreparedStatement ps, int index, Boolean value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BOOLEAN);
        } else {
            ps.setBoolean(index, value);
        }
    }

    /** The UTC wall-clock Hibernate writes for an Instant (hibernate.jdbc.time_zone=UTC). */
    public static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

}

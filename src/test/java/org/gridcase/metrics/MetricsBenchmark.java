package org.gridcase.metrics;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.gridcase.request.Categories;
import org.gridcase.support.BusinessClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ActiveProfilesResolver;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Not a test: the scale benchmark of the rates, the light board and the assessment (issue 11), run by hand (never by
 * {@code verify}: its name matches no test pattern, and it runs only with {@code -Dgridcase.bench=true}):
 * <pre>
 * ./mvnw -q -Dtest=MetricsBenchmark -Dgridcase.bench=true -Dsurefire.failIfNoSpecifiedTests=false test              # MariaDB
 * ./mvnw -q -Dtest=MetricsBenchmark -Dgridcase.bench=true -Dgridcase.bench.db=h2 -Dsurefire.failIfNoSpecifiedTests=false test
 * </pre>
 * The data generator fills the database once (later runs reuse it) with {@code -Dgridcase.bench.closed} finished
 * cases (default 1,000,000) received over the twelve months before this one, and {@code -Dgridcase.bench.open} open
 * cases (default 50,000) received in the last 30 days, spread over 3,000 grids (the demo town's 6 among them) and the
 * registry's departments: realistic mixes of kind, channel, category, status, survey answers, lateness, reopening and
 * handling time in working days, and one HANDLED line per finished case on the timeline (the assessment's input, by
 * one of 6,000 workers).
 * MariaDB: database {@code gridcase_bench_metrics} on 127.0.0.1:3306 as root ({@code GRIDCASE_BENCH_DB_URL} to
 * change); H2: a file under {@code target/bench-metrics}. Each question is asked through the HTTP API as the city's
 * administrator (everything) and as the town leader: 2 warm-up calls, then 7 timed; the report prints the median and
 * the slowest; {@code -Dgridcase.bench.targets-only=true} asks only the questions the issue sets targets for. Prints,
 * asserts only that the answers are right in size.
 */
@EnabledIfSystemProperty(named = "gridcase.bench", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false",
        "gridcase.notify.poll-millis=3600000",
        "gridcase.registry.index-poll-millis=3600000",
        "gridcase.demo.sample-tasks=false"})
@ActiveProfiles(resolver = MetricsBenchmark.Profiles.class)
class MetricsBenchmark {

    /** The demo logins, and on MariaDB the mysql profile (driver, table options). */
    static class Profiles implements ActiveProfilesResolver {
        @Override
        public String[] resolve(Class<?> testClass) {
            return H2 ? new String[] {"demo"} : new String[] {"mysql", "demo"};
        }
    }

    private static final boolean H2 = "h2".equals(System.getProperty("gridcase.bench.db", "mariadb"));
    private static final int CLOSED = Integer.getInteger("gridcase.bench.closed", 1_000_000);
    private static final int OPEN = Integer.getInteger("gridcase.bench.open", 50_000);
    private static final int GRIDS = 3_000;
    private static final int WORKERS = 6_000;
    private static final int BATCH = 5_000;
    private static final int WARMUP = 2;
    private static final int RUNS = 7;
    private static final String PREFIX = "BM-";
    /** Only the questions the issue sets targets for (a month's rates, the light board), and their baseline. */
    private static final boolean TARGETS_ONLY = Boolean.getBoolean("gridcase.bench.targets-only");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        if (H2) {
            registry.add("spring.datasource.url", () -> "jdbc:h2:file:./target/bench-metrics/gridcase;"
                    + "DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000");
        } else {
            String url = System.getenv().getOrDefault("GRIDCASE_BENCH_DB_URL",
                    "jdbc:mysql://127.0.0.1:3306/gridcase_bench_metrics?createDatabaseIfNotExist=true"
                            + "&sendFractionalSeconds=false&nullDatabaseMeansCurrent=true&characterEncoding=UTF-8"
                            + "&rewriteBatchedStatements=true");
            registry.add("spring.datasource.url", () -> url);
            registry.add("spring.datasource.username", () -> "root");
            registry.add("spring.datasource.password", () -> "");
        }
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;

    @Test
    void ratesLightsAndAssessmentAtTheScaleOfACity() {
        long generated = generate();
        long cases = jdbc.queryForObject("select count(*) from case_file", Long.class);
        long open = jdbc.queryForObject("select count(*) from case_file where closed_at is null", Long.class);
        long events = jdbc.queryForObject("select count(*) from case_event", Long.class);
        YearMonth month = YearMonth.now(BusinessClock.ZONE).minusMonths(1);
        String monthQuery = "from=" + month.atDay(1) + "&to=" + month.atEndOfMonth();
        YearMonth first = month.minusMonths(11);
        String yearQuery = "from=" + first.atDay(1) + "&to=" + month.atEndOfMonth();
        long monthReceived = jdbc.queryForObject("select count(*) from case_file where created_at >= ? "
                + "and created_at < ?", Long.class, utc(month.atDay(1)), utc(month.plusMonths(1).atDay(1)));

        List<String> report = new ArrayList<>();
        report.add(time("baseline: GET /api/me (login check, tiny answer)", "admin", "/api/me",
                body -> assertThat(body).contains("admin")));
        // the questions the issue sets targets for
        report.add(time("rates, a month, whole city (admin)", "admin", "/api/metrics/rates?" + monthQuery,
                body -> assertThat(body).contains("\"received\":")));
        report.add(time("rates, a month, the demo town (town leader)", "lizhenhua",
                "/api/metrics/rates?" + monthQuery + "&area=SFZ", body -> assertThat(body).contains("\"received\":")));
        report.add(time("light board, whole city (admin)", "admin", "/api/metrics/lights",
                body -> assertThat(body).contains("\"RED\":")));
        report.add(time("light board, the demo town (town leader)", "lizhenhua", "/api/metrics/lights",
                body -> assertThat(body).contains("\"RED\":")));
        if (!TARGETS_ONLY) {
            report.addAll(otherQuestions(monthQuery, yearQuery, month));
        }
        ResponseEntity<String> rates = rest.withBasicAuth("admin", "demo")
                .getForEntity("/api/metrics/rates?" + monthQuery, String.class);

        System.out.printf("%n== MetricsBenchmark on %s: %,d cases in case_file (%,d open), %,d timeline lines; %,d "
                + "generated in this run%n", H2 ? "H2 (file)" : "MariaDB " + version(), cases, open, events, generated);
        System.out.printf("== %s: %,d cases received; %s%n", month, monthReceived, rates.getBody());
        System.out.printf("== %-52s %10s %10s%n", "question (HTTP, JSON)", "median ms", "max ms");
        report.forEach(line -> System.out.println("== " + line));
        System.out.println();
    }

    /** The rest: other scopes and periods, the assessment, and what staff do all day on the same data. */
    private List<String> otherQuestions(String monthQuery, String yearQuery, YearMonth month) {
        List<String> report = new ArrayList<>();
        report.add(time("rates, a month, one district (600 grids)", "admin",
                "/api/metrics/rates?" + monthQuery + "&area=BM-D0", body -> assertThat(body).contains("received")));
        report.add(time("rates, a month, one category, whole city", "admin",
                "/api/metrics/rates?" + monthQuery + "&category=SANITATION", body -> assertThat(body).contains("received")));
        report.add(time("rates, twelve months, whole city", "admin", "/api/metrics/rates?" + yearQuery,
                body -> assertThat(body).contains("\"received\":")));
        report.add(time("rates series, twelve months by month, whole city", "admin",
                "/api/metrics/rates/series?" + yearQuery + "&period=month", body -> assertThat(body).contains("points")));
        report.add(time("rates series, a month by day, whole city", "admin",
                "/api/metrics/rates/series?" + monthQuery + "&period=day", body -> assertThat(body).contains("points")));
        report.add(time("light board, one district (600 grids)", "admin", "/api/metrics/lights?area=BM-D0",
                body -> assertThat(body).contains("\"RED\":")));
        report.add(time("light board, one department", "admin", "/api/metrics/lights?department=URBAN_MGMT",
                body -> assertThat(body).contains("\"RED\":")));
        report.add(time("assessment, a month, whole city", "admin", "/api/metrics/assessment?month=" + month,
                body -> assertThat(body).contains("rows")));
        // issue 12's target 5, in part
        String someCase = jdbc.queryForObject("select max(tracking_number) from case_file where tracking_number "
                + "like ? and grid_code like 'SFZ-%'", String.class, PREFIX + "C%");
        report.add(time("one case of the town by tracking number (its dispatcher)", "chenxiaoyan",
                "/api/cases/" + someCase, body -> assertThat(body).contains(someCase)));
        report.add(time("open cases of his grid, first page (grid worker)", "zhangwei",
                "/api/cases?status=HANDLING&grid=SFZ-C01-G01", body -> assertThat(body).contains("totalItems")));
        return report;
    }

    private String time(String what, String login, String path, Consumer<String> check) {
        long[] millis = new long[RUNS];
        for (int i = 0; i < WARMUP + RUNS; i++) {
            long start = System.nanoTime();
            ResponseEntity<String> answer = rest.withBasicAuth(login, "demo").getForEntity(path, String.class);
            long took = (System.nanoTime() - start) / 1_000_000;
            assertThat(answer.getStatusCode()).as("%s %s", path, answer.getBody()).isEqualTo(HttpStatus.OK);
            check.accept(answer.getBody());
            if (i >= WARMUP) {
                millis[i - WARMUP] = took;
            }
        }
        Arrays.sort(millis);
        return String.format("%-52s %10d %10d", what, millis[RUNS / 2], millis[RUNS - 1]);
    }

    private String version() {
        return jdbc.queryForObject("select version()", String.class);
    }

    // ---------------------------------------------------------------- the data generator

    /** Fills the database up to the wanted numbers of finished and open generated cases; answers how many it added. */
    private long generate() {
        long closedHave = jdbc.queryForObject("select count(*) from case_file where tracking_number like ? "
                + "and closed_at is not null", Long.class, PREFIX + "C%");
        long openHave = jdbc.queryForObject("select count(*) from case_file where tracking_number like ? "
                + "and closed_at is null", Long.class, PREFIX + "O%");
        List<String> grids = grids();
        List<String> departments = jdbc.queryForList("select code from department order by code", String.class);
        List<String> categories = Categories.codes();
        long added = 0;
        long start = System.nanoTime();
        added += fill("C", closedHave, CLOSED, true, grids, departments, categories);
        added += fill("O", openHave, OPEN, false, grids, departments, categories);
        if (added > 0) {
            System.out.printf("%n== generated %,d cases in %d s%n", added, (System.nanoTime() - start) / 1_000_000_000);
        }
        return added;
    }

    /**
     * The demo town's grids first, then those of the rest of the city, generated into the registry once: 5 districts
     * of 6 towns of 10 communities of 10 grids (without boundaries: the benchmark locates nothing).
     */
    private List<String> grids() {
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
    private static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private static Timestamp utc(LocalDate shanghaiDay) {
        return utc(shanghaiDay.atStartOfDay(BusinessClock.ZONE).toInstant());
    }
}

package org.gridcase.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.gridcase.bench.GeneratedCity;
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
    private static final int WARMUP = 2;
    private static final int RUNS = 7;
    private static final String PREFIX = GeneratedCity.PREFIX;
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
        return new GeneratedCity(jdbc, tx).generate(CLOSED, OPEN);
    }

    /** The UTC wall-clock Hibernate writes for an Instant (hibernate.jdbc.time_zone=UTC). */
    private static Timestamp utc(LocalDate shanghaiDay) {
        return GeneratedCity.utc(shanghaiDay.atStartOfDay(BusinessClock.ZONE).toInstant());
    }
}

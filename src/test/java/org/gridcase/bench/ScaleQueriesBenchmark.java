package org.gridcase.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.gridcase.GridCaseApplication;
import org.gridcase.casefile.CaseAccess;
import org.gridcase.request.RequestIntake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Not a test: issue 12's target 5, a grid worker's task list and a dispatcher's case search at a city's scale, run by
 * hand (never by {@code verify}: its name matches no test pattern, and it runs only with {@code -Dgridcase.bench=true}):
 * <pre>./mvnw -o -q -Dtest=ScaleQueriesBenchmark -Dgridcase.bench=true -Dsurefire.failIfNoSpecifiedTests=false test</pre>
 * The database {@code gridcase_bench_scale} on MariaDB/MySQL ({@code -Dgridcase.bench.scale-db-url} to change) is
 * created when missing and filled once; later runs reuse it and only measure:
 * <ul>
 * <li>{@code -Dgridcase.bench.closed} finished cases (default 1,000,000) from {@link GeneratedCity} (MetricsBenchmark's
 * generator: a year of a city of 3,000 grids, the demo town's 6 among them), each given a reporter's phone from a pool
 * of 200,000 numbers (five finished cases per number);</li>
 * <li>{@code -Dgridcase.bench.open} open requests (default 50,000) registered through the real intake
 * ({@code RequestIntake.submit}, in-process, {@code -Dgridcase.bench.threads} threads, default 4, job executor off):
 * each has its {@code request} process instance waiting at 核实研判 with its open task for the grid's workers, its
 * timers and authorizations. Their grids follow a long tail over the city's 3,000 grids (weight 1/(rank + 10)): the
 * busiest grid is 东湖社区第二网格 ({@code SFZ-C01-G02}, 王芳), the demo grid worker 张伟's grid {@code SFZ-C01-G01}
 * is the 101st (a typical share, about 80 open tasks). Categories: those a grid worker verifies on site. Reporters'
 * phones come from the same pool, spelled three ways (plain, with dashes, +86). On a busy machine
 * {@code -Dgridcase.bench.open-minutes=M} stops registering after M minutes (a later run goes on from there).</li>
 * </ul>
 * Then it asks over HTTP as the real users do, interleaved (each round asks every question once), {@code warmup}
 * rounds (default 10) and {@code runs} timed rounds (default 60): the baseline {@code GET /api/me}; the grid worker's
 * Tasklist filter 我的待办 ({@code POST /engine-rest/filter/{id}/list?firstResult=0&maxResults=15} with HAL, as
 * Tasklist asks it, and {@code POST /engine-rest/filter/{id}/count}) for 张伟 and for 王芳 of the busiest grid (and
 * 张伟's list once more as plain JSON, without HAL, to split the time); the
 * town's dispatcher 陈晓燕 reading a case by tracking number (an open one, a finished one) and searching by phone; the
 * administrator searching by phone over the whole city. It prints median, p95 and max per question and writes them
 * to {@code target/bench-scale/report.md}; it asserts only that the answers are right, never anything about time.
 * Port {@code -Dgridcase.bench.port=8470}; {@code -Dgridcase.bench.args="--a=b --c=d"} adds arguments for the
 * application (e.g. {@code --logging.level.org.camunda.bpm.engine.impl.persistence.entity.TaskEntity=DEBUG} prints
 * the SQL of the task queries, for {@code EXPLAIN}).
 */
@EnabledIfSystemProperty(named = "gridcase.bench", matches = "true")
class ScaleQueriesBenchmark {

    private static final int CLOSED = Integer.getInteger("gridcase.bench.closed", 1_000_000);
    private static final int OPEN = Integer.getInteger("gridcase.bench.open", 50_000);
    private static final int THREADS = Integer.getInteger("gridcase.bench.threads", 4);
    /** Registering stops after this many minutes (0: when {@code OPEN} are there), the measuring starts. */
    private static final int OPEN_MINUTES = Integer.getInteger("gridcase.bench.open-minutes", 0);
    private static final int WARMUP = Integer.getInteger("gridcase.bench.warmup", 10);
    private static final int RUNS = Integer.getInteger("gridcase.bench.runs", 60);
    private static final int PORT = Integer.getInteger("gridcase.bench.port", 8470);
    private static final String DB_URL = System.getProperty("gridcase.bench.scale-db-url",
            "jdbc:mysql://127.0.0.1:3306/gridcase_bench_scale?createDatabaseIfNotExist=true"
                    + "&sendFractionalSeconds=false&nullDatabaseMeansCurrent=true&characterEncoding=UTF-8"
                    + "&rewriteBatchedStatements=true");
    private static final Path WORK = Path.of("target", "bench-scale").toAbsolutePath();

    /** Reporters' phones: 139 and eight digits, this many numbers. */
    static final int PHONES = 200_000;
    private static final String GRID_WORKER = "zhangwei";
    private static final String GRID_WORKER_GRID = "SFZ-C01-G01";
    private static final int GRID_WORKER_RANK = 100;
    private static final String BUSIEST_WORKER = "wangfang";
    private static final String BUSIEST_GRID = "SFZ-C01-G02";
    private static final String DISPATCHER = "chenxiaoyan";
    /** The categories whose requests a grid worker verifies on site (request-routing.dmn, siteCheck true). */
    private static final List<String> SITE_CHECKED = List.of("SANITATION", "STREET_STALL", "ILLEGAL_BUILDING",
            "PUBLIC_FACILITY", "PROPERTY_MGMT", "NOISE", "POLLUTION", "NEIGHBOUR", "SOCIAL_ASSISTANCE", "ELDERLY_CARE",
            "SAFETY_HAZARD", "FIRE_RISK");
    /** What Tasklist posts for a filter's first page: no search, the filter's own order. */
    private static final String TASKLIST_BODY = "{\"processVariables\":[],\"taskVariables\":[],"
            + "\"caseInstanceVariables\":[],\"sorting\":[{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]}";

    private final BenchHttp http = new BenchHttp(PORT);

    @Test
    void taskListAndCaseSearchAtTheScaleOfACity() throws Exception {
        Files.createDirectories(WORK);
        List<String> args = List.of("--server.port=" + PORT, "--spring.datasource.url=" + DB_URL,
                "--spring.datasource.username=root", "--spring.datasource.password=",
                "--camunda.bpm.job-execution.enabled=false", "--gridcase.notify.poll-millis=3600000",
                "--gridcase.registry.index-poll-millis=3600000", "--gridcase.demo.sample-tasks=false",
                "--logging.level.root=WARN", "--logging.level.org.gridcase=WARN");
        // more arguments for the application, e.g. a logger's level to see the engine's SQL
        String more = System.getProperty("gridcase.bench.args", "").strip();
        if (!more.isEmpty()) {
            args = new ArrayList<>(args);
            args.addAll(List.of(more.split("\\s+")));
        }
        boolean citySeeded;
        try (ConfigurableApplicationContext app = start(args)) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            citySeeded = jdbc.queryForObject("select count(*) from area where code = 'BM-D0'", Integer.class) > 0;
            if (!citySeeded) {
                new GeneratedCity(jdbc, app.getBean(TransactionTemplate.class)).grids();
            }
        }
        // started again when the city's grids were just written, so that the registry's index holds them
        try (ConfigurableApplicationContext app = start(args)) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            String generation = generate(app, jdbc);
            String report = measure(jdbc, generation);
            System.out.println(report);
            Files.writeString(WORK.resolve("report.md"), report, StandardCharsets.UTF_8);
        }
    }

    private static ConfigurableApplicationContext start(List<String> args) {
        return new SpringApplicationBuilder(GridCaseApplication.class).profiles("mysql", "demo")
                .run(args.toArray(String[]::new));
    }

    // ---------------------------------------------------------------- the data

    private String generate(ConfigurableApplicationContext app, JdbcTemplate jdbc) throws Exception {
        GeneratedCity city = new GeneratedCity(jdbc, app.getBean(TransactionTemplate.class));
        long start = System.nanoTime();
        long closedAdded = city.generate(CLOSED, 0);
        // the finished cases' reporters: five cases per number of the pool, the key as the intake computes it
        int phoned = 0;
        long maxId = jdbc.queryForObject("select coalesce(max(id), 0) from case_file", Long.class);
        for (long from = 0; from <= maxId; from += 50_000) {
            phoned += jdbc.update("update case_file set reporter_phone = concat('139', lpad(mod(id * 7919, " + PHONES
                    + "), 8, '0')), reporter_phone_key = sha2(concat('139', lpad(mod(id * 7919, " + PHONES + "), 8, "
                    + "'0')), 256) where id > ? and id <= ? and reporter_phone is null and tracking_number like ?",
                    from, from + 50_000, GeneratedCity.PREFIX + "%");
        }
        long closedSeconds = (System.nanoTime() - start) / 1_000_000_000;
        start = System.nanoTime();
        long openAdded = registerOpen(app, jdbc, city.grids());
        long openSeconds = (System.nanoTime() - start) / 1_000_000_000;
        String line = String.format(Locale.ROOT, "generated in this run: %,d finished cases (%,d phones set) in %d s, "
                + "%,d open requests through the intake (%d threads) in %d s", closedAdded, phoned, closedSeconds,
                openAdded, THREADS, openSeconds);
        System.out.println("== " + line);
        return line;
    }

    /** Registers open requests through the intake up to {@code OPEN}; answers how many it added. */
    private long registerOpen(ConfigurableApplicationContext app, JdbcTemplate jdbc, List<String> grids)
            throws Exception {
        long have = jdbc.queryForObject("select count(*) from case_file where kind = 'REQUEST' and tracking_number "
                + "not like ?", Long.class, GeneratedCity.PREFIX + "%");
        if (have >= OPEN) {
            return 0;
        }
        RequestIntake intake = app.getBean(RequestIntake.class);
        CaseAccess.Caller hotline = new CaseAccess.Caller(DISPATCHER, Set.of("dispatchers"));
        List<String> ranked = ranked(grids);
        double[] cumulative = new double[ranked.size()];
        double sum = 0;
        for (int i = 0; i < ranked.size(); i++) {
            sum += 1.0 / (i + 10);
            cumulative[i] = sum;
        }
        double total = sum;
        AtomicInteger next = new AtomicInteger((int) have);
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        long until = OPEN_MINUTES == 0 ? Long.MAX_VALUE : start + OPEN_MINUTES * 60_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    while (System.nanoTime() < until) {
                        int n = next.getAndIncrement();
                        if (n >= OPEN) {
                            break;
                        }
                        intake.submit(request(n, ranked, cumulative, total), hotline);
                        int d = done.incrementAndGet();
                        if (d % 2_000 == 0) {
                            System.out.printf(Locale.ROOT, "== registered %,d of %,d open requests (%.0f/s)%n",
                                    have + d, OPEN, d / ((System.nanoTime() - start) / 1e9));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get(3, TimeUnit.HOURS);
            }
        } finally {
            pool.shutdownNow();
        }
        return done.get();
    }

    /** The grids by rank: the busiest demo grid first, the grid worker's at {@code GRID_WORKER_RANK}. */
    private static List<String> ranked(List<String> grids) {
        List<String> ranked = new ArrayList<>(grids);
        ranked.remove(BUSIEST_GRID);
        ranked.remove(GRID_WORKER_GRID);
        ranked.add(0, BUSIEST_GRID);
        ranked.add(GRID_WORKER_RANK, GRID_WORKER_GRID);
        return ranked;
    }

    /** The {@code n}th generated request, the same on every run. */
    private static RequestIntake.RequestInput request(int n, List<String> ranked, double[] cumulative, double total) {
        SplittableRandom r = new SplittableRandom(n * 7L + 3);
        double pick = r.nextDouble() * total;
        int rank = 0;
        int hi = cumulative.length - 1;
        while (rank < hi) {
            int mid = (rank + hi) >>> 1;
            if (cumulative[mid] < pick) {
                rank = mid + 1;
            } else {
                hi = mid;
            }
        }
        String number = String.format(Locale.ROOT, "%08d", r.nextInt(PHONES));
        String phone = switch (n % 3) {
            case 0 -> "139" + number;
            case 1 -> "139-" + number.substring(0, 4) + "-" + number.substring(4);
            default -> "+86139" + number;
        };
        return new RequestIntake.RequestInput(SITE_CHECKED.get(r.nextInt(SITE_CHECKED.size())),
                "生成的诉求 " + n + "：小区门口垃圾堆放，影响通行", r.nextBoolean() ? "HOTLINE" : "APP", "NORMAL", null,
                null, ranked.get(rank), new RequestIntake.Reporter("生成居民", phone, null), null);
    }

    // ---------------------------------------------------------------- the questions

    private record Question(String name, String method, String path, String login, String body, String accept,
            Predicate<String> check) {
    }

    private String measure(JdbcTemplate jdbc, String generation) {
        String filter = jdbc.queryForObject("select ID_ from ACT_RU_FILTER where NAME_ = '我的待办'", String.class);
        String openCase = jdbc.queryForObject("select max(tracking_number) from case_file where grid_code like "
                + "'SFZ-%' and tracking_number not like ?", String.class, GeneratedCity.PREFIX + "%");
        String closedCase = jdbc.queryForObject("select max(tracking_number) from case_file where grid_code like "
                + "'SFZ-%' and tracking_number like ?", String.class, GeneratedCity.PREFIX + "C%");
        // a number whose reporter has cases in the town and elsewhere (one of the open case's)
        String phone = jdbc.queryForObject("select reporter_phone from case_file where tracking_number = ?",
                String.class, openCase);
        String digits = phone.replace("-", "").replace("+86", "");
        String dashed = digits.substring(0, 3) + "-" + digits.substring(3, 7) + "-" + digits.substring(7);
        long phoneCases = jdbc.queryForObject("select count(*) from case_file where reporter_phone_key = "
                + "sha2(?, 256)", Long.class, digits);
        Map<String, Long> tasks = new LinkedHashMap<>();
        for (String grid : List.of(GRID_WORKER_GRID, BUSIEST_GRID)) {
            tasks.put(grid, jdbc.queryForObject("select count(*) from ACT_RU_TASK t join ACT_RU_IDENTITYLINK l on "
                    + "l.TASK_ID_ = t.ID_ where l.GROUP_ID_ = ? and l.TYPE_ = 'candidate' and t.ASSIGNEE_ is null",
                    Long.class, "area-" + grid));
        }
        String list = "/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=15";
        String count = "/engine-rest/filter/" + filter + "/count";
        Predicate<String> fifteen = body -> body.contains("\"_embedded\"") && body.contains("\"task\"");
        List<Question> questions = List.of(
                new Question("baseline: GET /api/me (dispatcher)", "GET", "/api/me", DISPATCHER, "",
                        "application/json", body -> body.contains(DISPATCHER)),
                new Question("我的待办 list, 15 (grid worker, " + tasks.get(GRID_WORKER_GRID) + " tasks)", "POST", list,
                        GRID_WORKER, TASKLIST_BODY, "application/hal+json", fifteen),
                new Question("我的待办 list, 15, plain JSON without HAL (grid worker)", "POST", list, GRID_WORKER,
                        TASKLIST_BODY, "application/json", body -> body.startsWith("[")),
                new Question("我的待办 count (grid worker)", "POST", count, GRID_WORKER, TASKLIST_BODY,
                        "application/json", body -> body.contains("\"count\":" + tasks.get(GRID_WORKER_GRID))),
                new Question("我的待办 list, 15 (busiest grid, " + tasks.get(BUSIEST_GRID) + " tasks)", "POST", list,
                        BUSIEST_WORKER, TASKLIST_BODY, "application/hal+json", fifteen),
                new Question("我的待办 count (busiest grid)", "POST", count, BUSIEST_WORKER, TASKLIST_BODY,
                        "application/json", body -> body.contains("\"count\":" + tasks.get(BUSIEST_GRID))),
                new Question("case by tracking number, open (dispatcher)", "GET", "/api/cases/" + openCase,
                        DISPATCHER, "", "application/json", body -> body.contains(openCase)),
                new Question("case by tracking number, finished (dispatcher)", "GET", "/api/cases/" + closedCase,
                        DISPATCHER, "", "application/json", body -> body.contains(closedCase)),
                new Question("cases by phone, the town (dispatcher)", "GET", "/api/cases?phone=" + dashed,
                        DISPATCHER, "", "application/json", body -> body.contains(openCase)),
                new Question("cases by phone, the city (" + phoneCases + " cases, admin)", "GET",
                        "/api/cases?phone=" + dashed, "admin", "", "application/json",
                        body -> body.contains("\"totalItems\":" + phoneCases)));
        Map<Question, List<Long>> timings = new LinkedHashMap<>();
        questions.forEach(q -> timings.put(q, new ArrayList<>()));
        for (int round = 0; round < WARMUP + RUNS; round++) {
            for (Question q : questions) {
                long start = System.nanoTime();
                HttpResponse<String> answer = http.send(q.method(), q.path(), q.login(), q.body(), q.accept());
                long took = System.nanoTime() - start;
                assertThat(answer.statusCode()).as("%s: %s", q.name(), answer.body()).isEqualTo(200);
                assertThat(q.check().test(answer.body())).as("%s: %s", q.name(), answer.body()).isTrue();
                if (round >= WARMUP) {
                    timings.get(q).add(took);
                }
            }
        }
        long cases = jdbc.queryForObject("select count(*) from case_file", Long.class);
        long open = jdbc.queryForObject("select count(*) from case_file where closed_at is null", Long.class);
        long openTasks = jdbc.queryForObject("select count(*) from ACT_RU_TASK", Long.class);
        long authorizations = jdbc.queryForObject("select count(*) from ACT_RU_AUTHORIZATION", Long.class);
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "%n== ScaleQueriesBenchmark on MariaDB %s: %,d cases (%,d open), %,d open "
                + "tasks, %,d authorizations; %s; %d warm-up + %d timed rounds%n%n",
                jdbc.queryForObject("select version()", String.class), cases, open, openTasks, authorizations,
                generation, WARMUP, RUNS));
        t.append("| question (HTTP) | median ms | p95 ms | max ms |\n| --- | --- | --- | --- |\n");
        timings.forEach((q, ns) -> {
            List<Long> sorted = ns.stream().sorted().toList();
            t.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", q.name(),
                    BenchHttp.percentile(sorted, 50), BenchHttp.percentile(sorted, 95),
                    sorted.get(sorted.size() - 1) / 1e6));
        });
        return t.toString();
    }
}

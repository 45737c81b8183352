package org.gridcase.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.gridcase.GridCaseApplication;
import org.gridcase.casefile.CaseAccess;
import org.gridcase.casefile.Cases;
import org.gridcase.request.RequestIntake;
import org.gridcase.request.RequestProcess;
import org.gridcase.survey.SurveyService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Not a test: issue 12's target 4, the embedded H2 default through a town's year, run by hand (never by
 * {@code verify}: its name matches no test pattern, and it runs only with {@code -Dgridcase.bench=true}):
 * <pre>./mvnw -o -q -Dtest=TownYearBenchmark -Dgridcase.bench=true -Dsurefire.failIfNoSpecifiedTests=false test</pre>
 * The application as {@code ./mvnw spring-boot:run} starts it (profile {@code demo}, H2 as a file with the default URL
 * settings, the job executor on), its file under {@code target/bench-townyear/h2}, kept between runs: a run goes on
 * from the cases already there ({@code -Dgridcase.bench.fresh=true} deletes the file first). Each case is a whole
 * request's life, in-process as the staff's calls would make it: registered by the town's dispatcher
 * ({@code RequestIntake.submit}), verified on site and handled (the grid's or the department's tasks, claimed and
 * completed through the {@code TaskService}), rated by the reporter through the survey link
 * ({@code SurveyService.answer}) — closed. {@code -Dgridcase.bench.threads} (4) do this at once, in blocks of 1,000
 * cases; after each block it records the block's rate, the mean time of each step and the size of the database file,
 * and every 5,000 cases it asks over HTTP what staff ask all day (the grid worker's 我的待办 list as Tasklist asks it,
 * a case by tracking number as the dispatcher; median of 20). The categories and grids are the demo town's, drawn
 * the same on every run. {@code -Dgridcase.bench.cases} (50,000: a town's year) is where it stops;
 * {@code -Dgridcase.bench.minutes=M} stops it after M minutes instead (a later run goes on).
 * Every block is appended to {@code target/bench-townyear/progress.tsv}; the report ({@code report.md}) puts the first
 * thousand beside the last, the file's growth per closed case from row to row (every 5,000 cases) and the rows each table holds. Mail
 * and SMS stay in the outbox ({@code gridcase.notify.poll-millis} one hour): no server is there to take them.
 * It asserts only that every case closed and nothing was left open, never anything about time.
 */
@EnabledIfSystemProperty(named = "gridcase.bench", matches = "true")
class TownYearBenchmark {

    private static final int CASES = Integer.getInteger("gridcase.bench.cases", 50_000);
    private static final int THREADS = Integer.getInteger("gridcase.bench.threads", 4);
    private static final int MINUTES = Integer.getInteger("gridcase.bench.minutes", 0);
    private static final boolean FRESH = Boolean.getBoolean("gridcase.bench.fresh");
    private static final int PORT = Integer.getInteger("gridcase.bench.port", 8480);
    private static final int BLOCK = 1_000;
    private static final int PROBE_EVERY = 5_000;
    private static final int PROBES = 20;
    private static final Path WORK = Path.of("target", "bench-townyear").toAbsolutePath();
    private static final Path PROGRESS = WORK.resolve("progress.tsv");
    private static final String EXTERNAL_PREFIX = "TY-";
    private static final String DISPATCHER = "chenxiaoyan";
    private static final String GRID_WORKER = "zhangwei";
    /** The catalogue's categories a town's year brings, grid-first and department-first ones (request-routing.dmn). */
    private static final List<String> CATEGORIES = List.of("SANITATION", "SANITATION", "SANITATION", "STREET_STALL",
            "NOISE", "NEIGHBOUR", "PROPERTY_MGMT", "PUBLIC_FACILITY", "ELDERLY_CARE", "SAFETY_HAZARD", "POLLUTION",
            "ROAD_DAMAGE", "STREET_LIGHT", "WATER_SUPPLY", "SOCIAL_ASSISTANCE");
    /** What Tasklist posts for a filter's first page. */
    private static final String TASKLIST_BODY = "{\"processVariables\":[],\"taskVariables\":[],"
            + "\"caseInstanceVariables\":[],\"sorting\":[{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]}";
    private static final String TABLES = "case_file,case_event,notification,survey_token,ACT_HI_PROCINST,"
            + "ACT_HI_ACTINST,ACT_HI_TASKINST,ACT_HI_VARINST,ACT_HI_IDENTITYLINK,ACT_HI_JOB_LOG,ACT_HI_DECINST,"
            + "ACT_HI_OP_LOG,ACT_GE_BYTEARRAY,ACT_RU_EXECUTION,ACT_RU_TASK,ACT_RU_JOB";

    private final BenchHttp http = new BenchHttp(PORT);

    /** One block's figures, a line of {@code progress.tsv}. */
    record Block(int cases, double seconds, double submitMs, double verifyMs, double handleMs, double surveyMs,
            long fileBytes, double listMs, double caseMs) {

        String tsv() {
            return String.format(Locale.ROOT, "%d\t%.3f\t%.2f\t%.2f\t%.2f\t%.2f\t%d\t%.1f\t%.1f", cases, seconds,
                    submitMs, verifyMs, handleMs, surveyMs, fileBytes, listMs, caseMs);
        }

        static Block of(String line) {
            String[] f = line.split("\t");
            return new Block(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Long.parseLong(f[6]),
                    Double.parseDouble(f[7]), Double.parseDouble(f[8]));
        }

        double rate() {
            return BLOCK / seconds;
        }
    }

    @Test
    void theEmbeddedDatabaseThroughATownsYear() throws Exception {
        Files.createDirectories(WORK);
        if (FRESH) {
            BenchApp.deleteTree(WORK.resolve("h2"));
            Files.deleteIfExists(PROGRESS);
        }
        String url = "jdbc:h2:file:" + WORK.resolve("h2").resolve("gridcase")
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;LOCK_TIMEOUT=10000";
        List<String> args = List.of("--server.port=" + PORT, "--spring.datasource.url=" + url,
                "--gridcase.notify.poll-millis=3600000", "--gridcase.demo.sample-tasks=false",
                "--logging.level.root=WARN", "--logging.level.org.gridcase=WARN");
        String report;
        int cases;
        long deadline = MINUTES == 0 ? Long.MAX_VALUE : System.nanoTime() + MINUTES * 60_000_000_000L;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(GridCaseApplication.class)
                .profiles("demo").run(args.toArray(String[]::new))) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            List<String> grids = jdbc.queryForList("select code from area where level = 'GRID' order by code",
                    String.class);
            List<Block> blocks = readProgress();
            int have = jdbc.queryForObject("select count(*) from case_file where external_id like ?", Integer.class,
                    EXTERNAL_PREFIX + "%");
            // a block cut off by a stopped run is done again from its start (its cases are found by externalId)
            int from = blocks.isEmpty() ? 0 : blocks.get(blocks.size() - 1).cases();
            System.out.printf(Locale.ROOT, "== %,d cases in the file, %,d recorded in %s; going on from %,d to %,d%n",
                    have, from, PROGRESS.getFileName(), from, CASES);
            Lifecycle life = new Lifecycle(app, grids);
            while (from < CASES && System.nanoTime() < deadline) {
                Block block = block(life, app, jdbc, from);
                blocks.add(block);
                Files.writeString(PROGRESS, block.tsv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                System.out.printf(Locale.ROOT, "== %,d cases: %.1f/s, file %.1f MB%s%n", block.cases(), block.rate(),
                        block.fileBytes() / 1e6, block.listMs() > 0 ? String.format(Locale.ROOT,
                                ", 我的待办 %.1f ms, case %.1f ms", block.listMs(), block.caseMs()) : "");
                from = block.cases();
            }
            report = report(blocks, jdbc);
            // every case of the run is closed, and nothing of it is left running
            assertThat(jdbc.queryForObject("select count(*) from case_file where external_id like ? and closed_at "
                    + "is null", Integer.class, EXTERNAL_PREFIX + "%")).isZero();
            assertThat(jdbc.queryForObject("select count(*) from ACT_RU_TASK", Integer.class)).isZero();
            cases = blocks.isEmpty() ? 0 : blocks.get(blocks.size() - 1).cases();
        }
        // the live data: the file rewritten without its dead space (H2's SHUTDOWN COMPACT, the application stopped)
        long open = fileBytes();
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
        }
        long compacted = fileBytes();
        report += String.format(Locale.ROOT, "%nthe file when the application stopped: %.1f MB; compacted (SHUTDOWN "
                + "COMPACT, %.0f s): %.1f MB, i.e. %.1f KB of live data per closed case (%,d cases)%n", open / 1e6,
                (System.nanoTime() - start) / 1e9, compacted / 1e6, cases == 0 ? 0 : compacted / 1024.0 / cases, cases);
        System.out.println(report);
        Files.writeString(WORK.resolve("report.md"), report, StandardCharsets.UTF_8);
    }

    /** Cases {@code from + 1 … from + BLOCK}, from {@code THREADS} threads; the block's figures. */
    private Block block(Lifecycle life, ConfigurableApplicationContext app, JdbcTemplate jdbc, int from)
            throws Exception {
        AtomicInteger next = new AtomicInteger(from);
        int to = from + BLOCK;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, BenchApp.named("townyear-"));
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    for (int n = next.getAndIncrement(); n < to; n = next.getAndIncrement()) {
                        life.close(n);
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get(2, TimeUnit.HOURS);
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] steps = life.meanMillisAndReset(BLOCK);
        double listMs = 0;
        double caseMs = 0;
        if (to % PROBE_EVERY == 0 || to == BLOCK) {
            String filter = jdbc.queryForObject("select ID_ from ACT_RU_FILTER where NAME_ = '我的待办'", String.class);
            String tn = jdbc.queryForObject("select tracking_number from case_file where external_id = ?",
                    String.class, EXTERNAL_PREFIX + (to - 1));
            listMs = probe("POST", "/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=15",
                    GRID_WORKER, TASKLIST_BODY, "application/hal+json");
            caseMs = probe("GET", "/api/cases/" + tn, DISPATCHER, "", "application/json");
        }
        return new Block(to, seconds, steps[0], steps[1], steps[2], steps[3], fileBytes(), listMs, caseMs);
    }

    /** The median of {@code PROBES} calls after 5 unmeasured ones. */
    private double probe(String method, String path, String login, String body, String accept) {
        List<Long> took = new ArrayList<>();
        for (int i = 0; i < PROBES + 5; i++) {
            long start = System.nanoTime();
            HttpResponse<String> answer = http.send(method, path, login, body, accept);
            long ns = System.nanoTime() - start;
            assertThat(answer.statusCode()).as("%s %s: %s", method, path, answer.body()).isEqualTo(200);
            if (i >= 5) {
                took.add(ns);
            }
        }
        return BenchHttp.percentile(took.stream().sorted().toList(), 50);
    }

    /** A request's whole life, the steps timed. */
    private static final class Lifecycle {

        private final RequestIntake intake;
        private final TaskService tasks;
        private final SurveyService survey;
        private final Cases cases;
        private final JdbcTemplate jdbc;
        private final List<String> grids;
        private final CaseAccess.Caller dispatcher = new CaseAccess.Caller(DISPATCHER, Set.of("dispatchers"));
        private final AtomicLong[] nanos = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()};

        Lifecycle(ConfigurableApplicationContext app, List<String> grids) {
            this.intake = app.getBean(RequestIntake.class);
            this.tasks = app.getBean(TaskService.class);
            this.survey = app.getBean(SurveyService.class);
            this.cases = app.getBean(Cases.class);
            this.jdbc = app.getBean(JdbcTemplate.class);
            this.grids = grids;
        }

        /** Registers case {@code n} (or finds it, on a resumed block), walks it to its close. */
        void close(int n) throws InterruptedException {
            SplittableRandom r = new SplittableRandom(n * 31L + 7);
            String category = CATEGORIES.get(r.nextInt(CATEGORIES.size()));
            String phone = String.format(Locale.ROOT, "137%08d", r.nextInt(20_000));
            long t0 = System.nanoTime();
            String tn = intake.submit(new RequestIntake.RequestInput(category, "一年的诉求 " + n + "：" + category,
                    r.nextBoolean() ? "HOTLINE" : "APP", "NORMAL", null, null, grids.get(r.nextInt(grids.size())),
                    new RequestIntake.Reporter("年度居民", phone, null), EXTERNAL_PREFIX + n), dispatcher)
                    .file().getTrackingNumber();
            nanos[0].addAndGet(System.nanoTime() - t0);
            for (int step = 0; step < 6; step++) {
                List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(tn).list();
                if (open.isEmpty()) {
                    break;
                }
                for (Task task : open) {
                    long t = System.nanoTime();
                    if (task.getAssignee() == null) {
                        tasks.claim(task.getId(), GRID_WORKER);
                    }
                    switch (task.getTaskDefinitionKey()) {
                        case RequestProcess.TASK_VERIFY -> {
                            tasks.complete(task.getId(), Map.of("verifyOutcome", "VALID", "verifyNote", "现场属实"));
                            nanos[1].addAndGet(System.nanoTime() - t);
                        }
                        case RequestProcess.TASK_HANDLE -> {
                            tasks.complete(task.getId(), Map.of("handlingOutcome", "RESOLVED",
                                    "handlingNote", "已办结"));
                            nanos[2].addAndGet(System.nanoTime() - t);
                        }
                        default -> throw new IllegalStateException(tn + ": an unexpected task "
                                + task.getTaskDefinitionKey() + " (" + task.getName() + ")");
                    }
                }
            }
            long t = System.nanoTime();
            String token = null;
            for (int wait = 0; token == null && wait < 600; wait++) {
                token = jdbc.query("select token from survey_token where tracking_number = ? and answered_at is null",
                        rs -> rs.next() ? rs.getString(1) : null, tn);
                if (token == null) {
                    if (cases.find(tn).orElseThrow().getStatus().finished()) {
                        return; // a resumed block: this case was closed before the stop
                    }
                    Thread.sleep(100);
                }
            }
            assertThat(token).as("%s: its survey link", tn).isNotNull();
            survey.answer(token, "SATISFIED", "YES", "及时");
            nanos[3].addAndGet(System.nanoTime() - t);
            assertThat(cases.find(tn).orElseThrow().getStatus().finished()).as("%s closed", tn).isTrue();
        }

        /** Mean milliseconds of submit, verify, handle and survey over {@code n} cases; the sums start again. */
        double[] meanMillisAndReset(int n) {
            double[] mean = new double[nanos.length];
            for (int i = 0; i < nanos.length; i++) {
                mean[i] = nanos[i].getAndSet(0) / 1e6 / n;
            }
            return mean;
        }
    }

    private static long fileBytes() throws IOException {
        try (Stream<Path> files = Files.walk(WORK.resolve("h2"))) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static List<Block> readProgress() throws IOException {
        List<Block> blocks = new ArrayList<>();
        if (Files.exists(PROGRESS)) {
            for (String line : Files.readAllLines(PROGRESS, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    blocks.add(Block.of(line));
                }
            }
        }
        return blocks;
    }

    private static String report(List<Block> blocks, JdbcTemplate jdbc) {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%n== TownYearBenchmark, H2 %s, %d threads, "
                + "%,d cases closed in blocks of %,d%n%n", jdbc.queryForObject("select H2VERSION()", String.class),
                THREADS, blocks.isEmpty() ? 0 : blocks.get(blocks.size() - 1).cases(), BLOCK));
        if (blocks.isEmpty()) {
            return t.toString();
        }
        Block first = blocks.get(0);
        Block last = blocks.get(blocks.size() - 1);
        t.append(String.format(Locale.ROOT, "whole lives per second: first thousand %.1f, last thousand (to %,d) %.1f: "
                + "ratio %.2f (target ≥ 0.80)%n%n", first.rate(), last.cases(), last.rate(), last.rate() / first.rate()));
        t.append("| cases | lives/s (its block) | submit ms | verify ms | handle ms | survey ms | file MB | "
                + "growth per case since the row above (KB) | 我的待办 ms | case ms |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        Block previous = null;
        for (Block b : blocks) {
            if (b.cases() % PROBE_EVERY != 0 && b != first && b != last) {
                continue;
            }
            String growth = previous == null ? "" : String.format(Locale.ROOT, "%.1f",
                    (b.fileBytes() - previous.fileBytes()) / 1024.0 / (b.cases() - previous.cases()));
            t.append(String.format(Locale.ROOT, "| %,d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %s | %s | %s |%n",
                    b.cases(), b.rate(), b.submitMs(), b.verifyMs(), b.handleMs(), b.surveyMs(), b.fileBytes() / 1e6,
                    growth, b.listMs() > 0 ? String.format(Locale.ROOT, "%.1f", b.listMs()) : "",
                    b.caseMs() > 0 ? String.format(Locale.ROOT, "%.1f", b.caseMs()) : ""));
            previous = b;
        }
        t.append("\nrows: ");
        List<String> counts = new ArrayList<>();
        for (String table : TABLES.split(",")) {
            counts.add(String.format(Locale.ROOT, "%s %,d", table,
                    jdbc.queryForObject("select count(*) from " + table, Long.class)));
        }
        t.append(String.join(", ", counts)).append('\n');
        return t.toString();
    }
}

package org.gridcase.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

import javax.sql.DataSource;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.gridcase.bench.StatementCounter.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Not a test: GridCase's intake and first task against the bare Camunda engine on the same machine and database
 * (issue 12), run by hand (never by {@code verify}: its name matches no test pattern, and it runs only with
 * {@code -Dgridcase.bench=true}):
 * <pre>./mvnw -o -q -Dtest=IntakeBenchmark -Dgridcase.bench=true -Dsurefire.failIfNoSpecifiedTests=false test</pre>
 * For each database ({@code -Dgridcase.bench.databases=h2,mariadb}: an H2 file under {@code target/bench-intake}
 * with the default URL settings, and MariaDB/MySQL through Connector/J — the database
 * {@code gridcase_bench_intake} is <b>dropped and created again</b>) it starts the whole application (profiles demo,
 * and mysql for MariaDB; job executor on, history full, port 8440) and, beside it, {@link BareEngine} on the
 * application's own pool. Then, in {@code rounds} interleaved rounds (GridCase first in odd rounds, the bare engine
 * first in even ones), it measures:
 * <ul>
 * <li>intake: {@code POST /api/requests} (HTTP Basic as a dispatcher) from 1 and from 4 clients against
 * {@code startProcessInstanceByKey} of the bare process from 1 and 4 threads;</li>
 * <li>completing the first task (核实研判, with {@code verifyOutcome} and {@code verifyNote}) through
 * {@code POST /engine-rest/task/{id}/complete} as the grid's worker from 4 clients, against
 * {@code TaskService.complete} of the bare user task with the same two variables from 4 threads;</li>
 * <li>latency at a paced rate (default 50 intakes/s, open loop: each intake is due at its slot and its latency is
 * counted from that slot, so a stall counts for every intake it delays).</li>
 * </ul>
 * Afterwards it counts the SQL statements of sequential intakes and completions ({@link StatementCounter} around the
 * application's {@code DataSource}: those sent by the HTTP request threads, or by the bare engine's thread, and apart
 * from them those sent meanwhile by every other thread — job executor, outbox, schedulers). It prints medians with
 * their range and the ratios, and writes the same table to {@code target/bench-intake/report.md}. It asserts only that
 * every call succeeded, never anything about time.
 * <p>
 * Sizes (per round): {@code -Dgridcase.bench.intakes=30} (1 client; 4 clients send twice as many),
 * {@code -Dgridcase.bench.completions=40}, {@code -Dgridcase.bench.paced-rate=50},
 * {@code -Dgridcase.bench.paced-seconds=6}, {@code -Dgridcase.bench.rounds=3}, {@code -Dgridcase.bench.warmup=40},
 * {@code -Dgridcase.bench.statement-sample=20}, {@code -Dgridcase.bench.variables=19} (start variables of the bare
 * process). MariaDB: {@code -Dgridcase.bench.mariadb-host=127.0.0.1:3306},
 * {@code -Dgridcase.bench.mariadb-database=gridcase_bench_intake}, {@code -Dgridcase.bench.mariadb-user=root},
 * {@code -Dgridcase.bench.mariadb-password=}. {@code -Dgridcase.bench.port=8440}.
 */
@EnabledIfSystemProperty(named = "gridcase.bench", matches = "true")
class IntakeBenchmark {

    private static final List<String> DATABASES = List.of(
            System.getProperty("gridcase.bench.databases", "h2,mariadb").split(","));
    private static final int ROUNDS = Integer.getInteger("gridcase.bench.rounds", 3);
    private static final int INTAKES = Integer.getInteger("gridcase.bench.intakes", 30);
    private static final int COMPLETIONS = Integer.getInteger("gridcase.bench.completions", 40);
    private static final int PACED_RATE = Integer.getInteger("gridcase.bench.paced-rate", 50);
    private static final int PACED_SECONDS = Integer.getInteger("gridcase.bench.paced-seconds", 6);
    private static final int WARMUP = Integer.getInteger("gridcase.bench.warmup", 40);
    private static final int STATEMENT_SAMPLE = Integer.getInteger("gridcase.bench.statement-sample", 20);
    private static final int VARIABLES = Integer.getInteger("gridcase.bench.variables", 19);
    private static final int PORT = Integer.getInteger("gridcase.bench.port", 8440);
    private static final String MARIADB_DATABASE = System.getProperty("gridcase.bench.mariadb-database",
            "gridcase_bench_intake");
    private static final Path WORK = Path.of("target", "bench-intake").toAbsolutePath();

    private static final String DISPATCHER = "chenxiaoyan";
    private static final String GRID_WORKER = "zhangwei";
    private static final String FIRST_TASK = "VerifyRequest";
    private static final int CLIENTS = 4;

    private final BenchHttp http = new BenchHttp(PORT);
    private final AtomicInteger sequence = new AtomicInteger();

    @Test
    void intakeAndFirstTaskAgainstTheBareEngine() throws Exception {
        String heading = String.format(Locale.ROOT, "%n== IntakeBenchmark: %d rounds, per round %d intakes from 1 "
                + "client, %d from %d, %d completions from %d, paced %d/s for %d s; bare process with %d start "
                + "variables; %d cores%n", ROUNDS, INTAKES, 2 * INTAKES, CLIENTS, COMPLETIONS, CLIENTS, PACED_RATE,
                PACED_SECONDS, VARIABLES, Runtime.getRuntime().availableProcessors());
        BenchApp.eachDatabase(DATABASES, WORK, heading, this::runOn);
    }

    // ---------------------------------------------------------------- one database

    private String runOn(String database) throws Exception {
        StatementCounter counter = new StatementCounter(IntakeBenchmark::threadKind);
        long starting = System.nanoTime();
        try (BenchApp.Started started = BenchApp.start(database, WORK, MARIADB_DATABASE, PORT, List.of(),
                counter::wrap);
                BareEngine bare = new BareEngine(started.context().getBean("dataSource", DataSource.class),
                        VARIABLES)) {
            System.out.printf(Locale.ROOT, "   [%s] application and bare engine up in %.0f s%n", started.label(),
                    (System.nanoTime() - starting) / 1e9);
            return new Run(started.label(), started.context(), bare, counter).measure();
        }
    }

    private static String threadKind(String thread) {
        if (thread.startsWith("http-nio")) {
            return "request";
        }
        return thread.startsWith("bare-") ? "bare" : "other";
    }

    private final class Run {

        final String label;
        final BareEngine bare;
        final StatementCounter counter;
        final TaskService tasks;
        final RuntimeService runtime;
        final Map<String, List<Double>> figures = new LinkedHashMap<>();
        final Map<String, Map<String, Long>> tables = new LinkedHashMap<>();

        Run(String label, ConfigurableApplicationContext app, BareEngine bare, StatementCounter counter) {
            this.label = label;
            this.bare = bare;
            this.counter = counter;
            this.tasks = app.getBean(TaskService.class);
            this.runtime = app.getBean(RuntimeService.class);
        }

        String measure() throws Exception {
            closed(1, WARMUP, "gc-", i -> intake());
            closed(1, WARMUP, "bare-", i -> bare.start(key()));
            completeGridCase(CLIENTS, Math.min(WARMUP, 2 * WARMUP / 3));
            completeBare(CLIENTS, Math.min(WARMUP, 2 * WARMUP / 3));
            for (int round = 1; round <= ROUNDS; round++) {
                boolean gridCaseFirst = round % 2 == 1;
                for (int clients : new int[] {1, CLIENTS}) {
                    int n = clients == 1 ? INTAKES : 2 * INTAKES;
                    pair(gridCaseFirst,
                            () -> add("intake " + clients + " gc", closed(clients, n, "gc-", i -> intake())),
                            () -> add("intake " + clients + " bare", closed(clients, n, "bare-",
                                    i -> bare.start(key()))));
                }
                pair(gridCaseFirst,
                        () -> add("complete gc", completeGridCase(CLIENTS, COMPLETIONS)),
                        () -> add("complete bare", completeBare(CLIENTS, COMPLETIONS)));
                pair(gridCaseFirst,
                        () -> paced("gc", "gc-", i -> intake()),
                        () -> paced("bare", "bare-", i -> bare.start(key())));
                System.out.printf(Locale.ROOT, "   [%s] round %d of %d done: %s%n", label, round, ROUNDS, figures);
            }
            return table(statements());
        }

        void add(String name, double value) {
            figures.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }

        void paced(String who, String threads, IntConsumer op) throws Exception {
            AtomicInteger failed = new AtomicInteger();
            List<Long> latencies = IntakeBenchmark.this.paced(threads, i -> {
                try {
                    op.accept(i);
                } catch (RuntimeException | AssertionError e) {
                    failed.incrementAndGet();
                }
            });
            Collections.sort(latencies);
            add("failed " + who, failed.get());
            add("p50 " + who, percentile(latencies, 50));
            add("p99 " + who, percentile(latencies, 99));
            add("max " + who, latencies.get(latencies.size() - 1) / 1e6);
        }

        double completeGridCase(int clients, int n) throws Exception {
            List<String> ids = tasks.createTaskQuery().processDefinitionKey("request").taskDefinitionKey(FIRST_TASK)
                    .active().listPage(0, n).stream().map(Task::getId).toList();
            assertThat(ids).as("open %s tasks to complete (raise gridcase.bench.intakes)", FIRST_TASK).hasSize(n);
            return closed(clients, n, "gc-", i -> completeOverRest(ids.get(i)));
        }

        double completeBare(int clients, int n) throws Exception {
            List<String> ids = bare.openTasks(n);
            assertThat(ids).as("open bare tasks to complete").hasSize(n);
            return closed(clients, n, "bare-", i -> bare.complete(ids.get(i)));
        }

        /** Statements per intake and per completion, sequentially (one at a time). */
        Map<String, Map<Kind, Long>> statements() throws Exception {
            Map<String, Map<Kind, Long>> result = new LinkedHashMap<>();
            count(result, "intake", () -> closed(1, STATEMENT_SAMPLE, "gc-", i -> intake()), "request");
            count(result, "bare intake", () -> closed(1, STATEMENT_SAMPLE, "bare-", i -> bare.start(key())), "bare");
            count(result, "completion", () -> completeGridCase(1, STATEMENT_SAMPLE), "request");
            count(result, "bare completion", () -> completeBare(1, STATEMENT_SAMPLE), "bare");
            String tn = intake();
            String pid = runtime.createProcessInstanceQuery().processInstanceBusinessKey(tn).singleResult().getId();
            result.put("variables", Map.of(Kind.OTHER,
                    runtime.createVariableInstanceQuery().processInstanceIdIn(pid).count()));
            String key = key();
            bare.start(key);
            result.put("bare variables", Map.of(Kind.OTHER, bare.variablesOf(key)));
            return result;
        }

        void count(Map<String, Map<Kind, Long>> result, String name, Measured work, String thread) throws Exception {
            Map<String, Map<Kind, Long>> before = counter.snapshot();
            Map<String, Long> tablesBefore = counter.tables();
            work.run();
            Map<String, Map<Kind, Long>> after = counter.snapshot();
            Map<String, Long> byTable = new LinkedHashMap<>();
            counter.tables().forEach((k, v) -> {
                long d = v - tablesBefore.getOrDefault(k, 0L);
                if (d > 0 && k.startsWith(thread + " ")) {
                    byTable.put(k.substring(thread.length() + 1), d);
                }
            });
            tables.put(name, byTable);
            result.put(name, StatementCounter.between(before, after, thread));
            result.put(name + " other", StatementCounter.between(before, after, "other"));
        }

        String table(Map<String, Map<Kind, Long>> statements) {
            StringBuilder t = new StringBuilder();
            t.append(String.format(Locale.ROOT, "%n### %s%n%n", label));
            t.append("| | GridCase | bare engine | ratio |\n| --- | --- | --- | --- |\n");
            rate(t, "intake `POST /api/requests`, 1 client (/s)", "intake 1");
            rate(t, "intake, " + CLIENTS + " clients (/s)", "intake " + CLIENTS);
            rate(t, "complete the first task, " + CLIENTS + " clients (/s; engine REST vs Java API)", "complete");
            latency(t, "p50");
            latency(t, "p99");
            latency(t, "max");
            t.append(String.format(Locale.ROOT, "| failed intakes at the paced rate (all rounds) | %.0f | %.0f | |%n",
                    figures.get("failed gc").stream().mapToDouble(Double::doubleValue).sum(),
                    figures.get("failed bare").stream().mapToDouble(Double::doubleValue).sum()));
            sql(t, statements, "SQL statements per intake", "intake", "bare intake");
            sql(t, statements, "SQL statements per completion", "completion", "bare completion");
            t.append(String.format(Locale.ROOT, "| process variables at the first task | %d | %d | |%n",
                    statements.get("variables").get(Kind.OTHER), statements.get("bare variables").get(Kind.OTHER)));
            t.append(String.format(Locale.ROOT, "%nRates: median of %d rounds (lowest–highest). SQL: s/i/u/d = select, "
                    + "insert, update, delete; c = commits; beside the request threads' own statements, other "
                    + "threads (job executor, outbox, schedulers) sent %.1f per intake meanwhile.%n", ROUNDS,
                    (double) StatementCounter.statements(statements.get("intake other")) / STATEMENT_SAMPLE));
            for (String name : List.of("intake", "completion")) {
                t.append(String.format(Locale.ROOT, "GridCase's statements per %s by table (most first): ", name));
                t.append(String.join(", ", tables.get(name).entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(),
                                e.getValue() / (double) STATEMENT_SAMPLE))
                        .toList()));
                t.append('\n');
            }
            return t.toString();
        }

        void rate(StringBuilder t, String name, String key) {
            List<Double> gc = figures.get(key + " gc");
            List<Double> b = figures.get(key + " bare");
            t.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f |%n", name, spread(gc), spread(b),
                    median(gc) / median(b)));
        }

        void latency(StringBuilder t, String which) {
            List<Double> gc = figures.get(which + " gc");
            List<Double> b = figures.get(which + " bare");
            t.append(String.format(Locale.ROOT, "| %s latency at a paced %d intakes/s (ms) | %s | %s | %.1f× |%n",
                    which, PACED_RATE, spread(gc), spread(b), median(gc) / median(b)));
        }

        void sql(StringBuilder t, Map<String, Map<Kind, Long>> s, String name, String gc, String b) {
            t.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f× |%n", name, perOne(s.get(gc)),
                    perOne(s.get(b)), (double) StatementCounter.statements(s.get(gc))
                            / StatementCounter.statements(s.get(b))));
        }
    }

    private static String perOne(Map<Kind, Long> counts) {
        double n = STATEMENT_SAMPLE;
        return String.format(Locale.ROOT, "%.1f (s %.1f, i %.1f, u %.1f, d %.1f; c %.1f)",
                StatementCounter.statements(counts) / n, counts.get(Kind.SELECT) / n, counts.get(Kind.INSERT) / n,
                counts.get(Kind.UPDATE) / n, counts.get(Kind.DELETE) / n, counts.get(Kind.COMMIT) / n);
    }

    // ---------------------------------------------------------------- load

    @FunctionalInterface
    private interface Measured {
        void run() throws Exception;
    }

    /** Runs the pair in the round's order. */
    private static void pair(boolean gridCaseFirst, Measured gridCase, Measured bare) throws Exception {
        if (gridCaseFirst) {
            gridCase.run();
            bare.run();
        } else {
            bare.run();
            gridCase.run();
        }
    }

    /** {@code n} operations from {@code clients} threads, each starting the next as soon as one ends: ops/s. */
    private static double closed(int clients, int n, String threads, IntConsumer op) throws Exception {
        return BenchApp.closed(clients, n, threads, op, 10);
    }

    /** An open-loop run at {@code PACED_RATE}/s: latencies in ns, each from the moment its operation was due. */
    private List<Long> paced(String threads, IntConsumer op) throws Exception {
        int n = PACED_RATE * PACED_SECONDS;
        long interval = 1_000_000_000L / PACED_RATE;
        ExecutorService pool = Executors.newFixedThreadPool(64, BenchApp.named(threads));
        List<Future<Long>> answers = new ArrayList<>();
        try {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long due = start + i * interval;
                LockSupport.parkNanos(due - System.nanoTime());
                int index = i;
                answers.add(pool.submit(() -> {
                    op.accept(index);
                    return System.nanoTime() - due;
                }));
            }
            List<Long> latencies = new ArrayList<>();
            for (Future<Long> answer : answers) {
                latencies.add(answer.get(10, TimeUnit.MINUTES));
            }
            return latencies;
        } finally {
            pool.shutdownNow();
        }
    }

    private String key() {
        return "BENCH-" + sequence.incrementAndGet();
    }

    /** One request registered by the dispatcher; its tracking number. */
    private String intake() {
        int i = sequence.incrementAndGet();
        String body = String.format(Locale.ROOT, "{\"category\":\"SANITATION\",\"description\":\"压测 %d：东湖小区%d号楼"
                + "门口垃圾堆放\",\"channel\":\"HOTLINE\",\"urgency\":\"NORMAL\",\"address\":\"示范镇东湖小区3号楼\","
                + "\"location\":{\"lat\":41.1035,\"lng\":122.0060},\"reporter\":{\"name\":\"演练居民\","
                + "\"phone\":\"1370000%04d\"}}", i, i % 12 + 1, i % 10000);
        HttpResponse<String> answer = send("POST", "/api/requests", DISPATCHER, body);
        assertThat(answer.statusCode()).as("intake: %s", answer.body()).isEqualTo(201);
        String json = answer.body();
        int at = json.indexOf("\"trackingNumber\":\"") + 18;
        return json.substring(at, json.indexOf('"', at));
    }

    private void completeOverRest(String taskId) {
        HttpResponse<String> answer = send("POST", "/engine-rest/task/" + taskId + "/complete", GRID_WORKER,
                "{\"variables\":{\"verifyOutcome\":{\"value\":\"VALID\"},\"verifyNote\":{\"value\":\"现场属实\"}}}");
        assertThat(answer.statusCode()).as("complete: %s", answer.body()).isEqualTo(204);
    }

    private HttpResponse<String> send(String method, String path, String login, String json) {
        return http.send(method, path, login, json);
    }

    // ---------------------------------------------------------------- figures

    private static double percentile(List<Long> sorted, int p) {
        return BenchHttp.percentile(sorted, p);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String spread(List<Double> values) {
        double lo = values.stream().min(Comparator.naturalOrder()).orElseThrow();
        double hi = values.stream().max(Comparator.naturalOrder()).orElseThrow();
        String format = median(values) >= 100 ? "%.0f (%.0f–%.0f)" : "%.1f (%.1f–%.1f)";
        return String.format(Locale.ROOT, format, median(values), lo, hi);
    }
}

package org.gridcase.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.NotifyAcquisitionRejectedJobsHandler;
import org.camunda.bpm.engine.management.Metrics;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.camunda.bpm.engine.task.Task;
import org.gridcase.request.RequestIntake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/**
 * Not a test: issue 12's target 3, the deadline storm, against the bare engine on the same machine and database, run
 * by hand (never by {@code verify}: its name matches no test pattern, and it runs only with
 * {@code -Dgridcase.bench=true}):
 * <pre>
 * ./mvnw -o -q -Dtest=DeadlineStormBenchmark -Dgridcase.bench=true -Dsurefire.failIfNoSpecifiedTests=false test
 * </pre>
 * For each database ({@code -Dgridcase.bench.databases=mariadb}, or {@code h2}, or both; {@link BenchApp}: the
 * database {@code gridcase_bench_storm} is <b>dropped and created again</b>) it starts the whole application (port
 * 8460) and stops its job executor at once. With the job executor off it generates open requests through the real
 * intake ({@link RequestIntake#submit}, in 4 threads), has the grid worker verify each one (核实研判, valid: the case is
 * dispatched to 办理诉求 and its lights-and-ladder clock {@code case-clock} starts) and runs each clock's yellow-light
 * timer (黄灯: the reminder), so that every clock waits at its handling deadline, the 红灯 timer {@code RedLight}.
 * Beside the application, on its own pool, {@link BareEngine} starts as many instances of its timer process (timer
 * catch event → no-op → user task with a boundary timer), whose timers wait too.
 * <p>
 * Then, for each job-executor setting of the matrix (one changed from the application's at a time), a storm on a
 * fresh slice of the cases and one on a slice of the bare instances, interleaved (GridCase first in odd cells): the
 * slice's timer jobs get due dates spread uniformly over [T, T + spread] through
 * {@code ManagementService.setJobDuedate} (the cases' real deadlines are working days away; this moves them, nothing
 * else), the engine's job executor is started (it has idled since before the due dates were set, as a running node's
 * has), and every 250 ms one SQL count asks how many cases have escalated: a 督促办理 task ({@code PushCase}) and an
 * {@code ESCALATED} notification queued in {@code notification} (for the bare engine: its user task). Measured: T →
 * first escalation, last due date → all escalated, T → all escalated, escalations per second; the engine's job
 * meters (acquisitions, acquired, acquisition conflicts — optimistic locking on acquiring —, executed, failed,
 * rejected), failed jobs and incidents left, optimistic-locking warnings in the log; and every second a stack
 * sample of the job executor's threads, summarised as where they were. The matrix runs {@code matrix-cases} per
 * cell over a spread shortened to keep the full storm's rate (10,000 in 60 s = 167/s: 2,000 in 12 s); then the
 * application's setting and the matrix's fastest one once each at the full size. It asserts only that the
 * generation succeeded, never anything about time; the tables go to {@code target/bench-storm/report.md}.
 * <p>
 * Options: {@code -Dgridcase.bench.cases=10000}, {@code -Dgridcase.bench.matrix-cases=2000},
 * {@code -Dgridcase.bench.matrix=all} (or {@code none}, or cell names separated by commas),
 * {@code -Dgridcase.bench.full=true} (the two full-size storms), {@code -Dgridcase.bench.spread-seconds=60},
 * {@code -Dgridcase.bench.idle-seconds=20} (the job executor idles at least this long before T),
 * {@code -Dgridcase.bench.threads=4} (generation), {@code -Dgridcase.bench.storm-timeout-seconds=1200},
 * {@code -Dgridcase.bench.port=8460}, {@code -Dgridcase.bench.mariadb-database=gridcase_bench_storm}.
 */
@EnabledIfSystemProperty(named = "gridcase.bench", matches = "true")
class DeadlineStormBenchmark {

    private static final List<String> DATABASES = List.of(
            System.getProperty("gridcase.bench.databases", "mariadb").split(","));
    private static final int CASES = Integer.getInteger("gridcase.bench.cases", 10_000);
    private static final int MATRIX_CASES = Integer.getInteger("gridcase.bench.matrix-cases", 2_000);
    private static final String MATRIX = System.getProperty("gridcase.bench.matrix", "all");
    private static final boolean FULL = Boolean.parseBoolean(System.getProperty("gridcase.bench.full", "true"));
    private static final String BEST = System.getProperty("gridcase.bench.best", "");
    private static final boolean FULL_BEST = Boolean.parseBoolean(System.getProperty("gridcase.bench.full-best",
            "true"));
    private static final boolean FULL_REUSE = Boolean.parseBoolean(System.getProperty("gridcase.bench.full-reuse",
            "true"));
    private static final int SPREAD_SECONDS = Integer.getInteger("gridcase.bench.spread-seconds", 60);
    private static final int IDLE_SECONDS = Integer.getInteger("gridcase.bench.idle-seconds", 20);
    private static final int THREADS = Integer.getInteger("gridcase.bench.threads", 4);
    private static final int TIMEOUT_SECONDS = Integer.getInteger("gridcase.bench.storm-timeout-seconds", 1200);
    private static final int PORT = Integer.getInteger("gridcase.bench.port", 8460);
    private static final String MARIADB_DATABASE = System.getProperty("gridcase.bench.mariadb-database",
            "gridcase_bench_storm");
    private static final Path WORK = Path.of("target", "bench-storm").toAbsolutePath();
    private static final int VARIABLES = 19;

    /** The due-date index a cell may add (and V26 may have added): the acquisition query filters and sorts on it. */
    static final String DUE_INDEX = "ix_job_duedate";

    private static final String DISPATCHER = "chenxiaoyan";
    private static final String GRID_WORKER = "zhangwei";
    private static final double[] EAST_LAKE_GRID_1 = {41.1035, 122.0060};
    private static final String[] METERS = {Metrics.JOB_ACQUISITION_ATTEMPT, Metrics.JOB_ACQUIRED_SUCCESS,
        Metrics.JOB_ACQUIRED_FAILURE, Metrics.JOB_SUCCESSFUL, Metrics.JOB_FAILED, Metrics.JOB_EXECUTION_REJECTED,
        Metrics.JOB_LOCKED_EXCLUSIVE};

    /** A job executor setting: the application's, or one of them changed. */
    record Settings(long maxWait, int acquisition, int corePool, int maxPool, boolean preferTimers,
            boolean byDueDate, boolean dueIndex) {

        String describe() {
            return String.format(Locale.ROOT, "max-wait %d ms, %d jobs per acquisition, pool %d/%d, "
                    + "preferTimerJobs %s, acquireByDueDate %s, due-date index %s", maxWait, acquisition, corePool,
                    maxPool, preferTimers, byDueDate, dueIndex ? "yes" : "no");
        }
    }

    record Cell(String name, Settings settings, int n) {
    }

    /** One storm's figures (seconds from T unless named otherwise). */
    record Storm(String system, Cell cell, int n, double spread, double first, double lastDueToAll, double all,
            int done, long warnings, long lockingWarnings, long failedJobs, long incidents, Map<String, Long> meters,
            List<String> where, double overrun) {

        double rate() {
            return done / all;
        }

        /** Escalations per second from the first to the last (what the job executor does once it is awake). */
        double processingRate() {
            return done / Math.max(0.25, all - first);
        }
    }

    @Test
    void deadlineStormAgainstTheBareEngine() throws Exception {
        BenchApp.eachDatabase(DATABASES, WORK, String.format(Locale.ROOT, "%n== DeadlineStormBenchmark: %d cases at "
                + "full size over %d s, matrix %s at %d per cell (same rate), job executor idle ≥ %d s before T; "
                + "%d cores%n", CASES, SPREAD_SECONDS, MATRIX, MATRIX_CASES, IDLE_SECONDS,
                Runtime.getRuntime().availableProcessors()), this::runOn);
    }

    // ---------------------------------------------------------------- one database

    private String runOn(String database) throws Exception {
        long starting = System.nanoTime();
        try (BenchApp.Started started = BenchApp.start(database, WORK, MARIADB_DATABASE, PORT, List.of(), ds -> ds)) {
            ConfigurableApplicationContext app = started.context();
            JobExecutor appExecutor = app.getBean(JobExecutor.class);
            appExecutor.shutdown();
            ThreadPoolTaskExecutor appPool = app.getBean("camundaTaskExecutor", ThreadPoolTaskExecutor.class);
            ThreadPoolTaskExecutor barePool = new ThreadPoolTaskExecutor();
            barePool.setThreadNamePrefix("bare-job-");
            barePool.setCorePoolSize(appPool.getCorePoolSize());
            barePool.setMaxPoolSize(appPool.getMaxPoolSize());
            barePool.setQueueCapacity(appPool.getQueueCapacity());
            barePool.setKeepAliveSeconds(appPool.getKeepAliveSeconds());
            barePool.initialize();
            SpringJobExecutor bareExecutor = sameAs(appExecutor, barePool);
            try (BareEngine bare = new BareEngine(app.getBean("dataSource", DataSource.class), VARIABLES,
                    bareExecutor)) {
                System.out.printf(Locale.ROOT, "   [%s] application and bare engine up in %.0f s%n", started.label(),
                        (System.nanoTime() - starting) / 1e9);
                return new Run(database, started.label(), app, appExecutor, appPool, bare, bareExecutor, barePool)
                        .measure();
            } finally {
                bareExecutor.shutdown();
                barePool.shutdown();
            }
        }
    }

    /** A job executor for the bare engine with every setting of the application's (the starter's bean). */
    private static SpringJobExecutor sameAs(JobExecutor app, ThreadPoolTaskExecutor pool) {
        SpringJobExecutor executor = new SpringJobExecutor();
        executor.setTaskExecutor(pool);
        executor.setRejectedJobsHandler(new NotifyAcquisitionRejectedJobsHandler());
        executor.setLockTimeInMillis(app.getLockTimeInMillis());
        executor.setMaxJobsPerAcquisition(app.getMaxJobsPerAcquisition());
        executor.setWaitTimeInMillis(app.getWaitTimeInMillis());
        executor.setMaxWait(app.getMaxWait());
        executor.setBackoffTimeInMillis(app.getBackoffTimeInMillis());
        executor.setMaxBackoff(app.getMaxBackoff());
        executor.setBackoffDecreaseThreshold(app.getBackoffDecreaseThreshold());
        executor.setWaitIncreaseFactor(app.getWaitIncreaseFactor());
        return executor;
    }

    private static ProcessEngineConfigurationImpl configuration(ProcessEngine engine) {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    /** A system under test: its engine, job executor and pool, its slices, and how it counts escalations. */
    private abstract static class Subject {
        final String name;
        final ProcessEngineConfigurationImpl configuration;
        final JobExecutor executor;
        final ThreadPoolTaskExecutor pool;
        final List<String> timers = Collections.synchronizedList(new ArrayList<>());
        /** GridCase: each 红灯 timer job's lights-and-ladder instance. */
        final Map<String, String> clocks = new ConcurrentHashMap<>();
        int used;

        Subject(String name, ProcessEngineConfigurationImpl configuration, JobExecutor executor,
                ThreadPoolTaskExecutor pool) {
            this.name = name;
            this.configuration = configuration;
            this.executor = executor;
            this.pool = pool;
        }

        List<String> slice(int n) {
            List<String> slice = timers.subList(used, used + n);
            used += n;
            return slice;
        }

        /**
         * From now on: how many instances have escalated since (GridCase: the smaller of the 督促办理 tasks created and
         * the cases with an {@code ESCALATED} notification queued).
         */
        abstract LongSupplier escalations(JdbcTemplate jdbc);

        void apply(Settings s) {
            executor.setMaxWait(s.maxWait());
            executor.setMaxJobsPerAcquisition(s.acquisition());
            var tpe = pool.getThreadPoolExecutor();
            tpe.setMaximumPoolSize(Math.max(s.maxPool(), tpe.getCorePoolSize()));
            tpe.setCorePoolSize(s.corePool());
            tpe.setMaximumPoolSize(s.maxPool());
            configuration.setJobExecutorPreferTimerJobs(s.preferTimers());
            configuration.setJobExecutorAcquireByDueDate(s.byDueDate());
        }

        Map<String, Long> meters() {
            Map<String, Long> m = new LinkedHashMap<>();
            for (String name : METERS) {
                var meter = configuration.getMetricsRegistry().getDbMeterByName(name);
                m.put(name, meter == null ? 0 : meter.get());
            }
            return m;
        }
    }

    private final class Run {

        final String database;
        final String label;
        final JdbcTemplate jdbc;
        final RequestIntake intake;
        final TaskService tasks;
        final RuntimeService runtime;
        final ManagementService management;
        final BareEngine bare;
        final Subject gridCase;
        final Subject bareSystem;
        final Settings appSettings;
        final List<Storm> storms = new ArrayList<>();
        final LogCounter log = new LogCounter();
        boolean indexPresent;
        List<String> generationWhere = List.of();
        double generationRate;

        Run(String database, String label, ConfigurableApplicationContext app, JobExecutor appExecutor,
                ThreadPoolTaskExecutor appPool, BareEngine bare, JobExecutor bareExecutor,
                ThreadPoolTaskExecutor barePool) {
            this.database = database;
            this.label = label;
            this.jdbc = new JdbcTemplate(app.getBean("dataSource", DataSource.class));
            this.intake = app.getBean(RequestIntake.class);
            ProcessEngine engine = app.getBean(ProcessEngine.class);
            this.tasks = engine.getTaskService();
            this.runtime = engine.getRuntimeService();
            this.management = engine.getManagementService();
            this.bare = bare;
            ProcessEngineConfigurationImpl appConfiguration = configuration(engine);
            this.gridCase = new Subject("GridCase", appConfiguration, appExecutor, appPool) {
                @Override
                LongSupplier escalations(JdbcTemplate j) {
                    long lastNotification = j.queryForObject("select coalesce(max(id), 0) from notification",
                            Long.class);
                    // task times are kept to the second on MySQL (sendFractionalSeconds=false)
                    Timestamp since = new Timestamp((System.currentTimeMillis() / 1000 - 1) * 1000);
                    return () -> Math.min(
                            j.queryForObject("select count(*) from ACT_RU_TASK where TASK_DEF_KEY_ = 'PushCase' "
                                    + "and CREATE_TIME_ >= ?", Long.class, since),
                            j.queryForObject("select count(distinct case_ref) from notification "
                                    + "where template = 'ESCALATED' and id > ?", Long.class, lastNotification));
                }
            };
            this.bareSystem = new Subject("bare engine", bare.configuration(), bareExecutor, barePool) {
                @Override
                LongSupplier escalations(JdbcTemplate j) {
                    String sql = "select count(*) from ACT_RU_TASK where TASK_DEF_KEY_ = '" + BareEngine.TIMED_TASK
                            + "'";
                    long before = j.queryForObject(sql, Long.class);
                    return () -> j.queryForObject(sql, Long.class) - before;
                }
            };
            this.appSettings = new Settings(appExecutor.getMaxWait(), appExecutor.getMaxJobsPerAcquisition(),
                    appPool.getCorePoolSize(), appPool.getMaxPoolSize(),
                    appConfiguration.isJobExecutorPreferTimerJobs(),
                    appConfiguration.isJobExecutorAcquireByDueDate(), false);
            // the meters are read in memory: no flush to ACT_RU_METER_LOG (which clears them) in the middle of a storm
            appConfiguration.getDbMetricsReporter().stop();
            bare.configuration().getDbMetricsReporter().stop();
        }

        String measure() throws Exception {
            indexPresent = hasDueIndex();
            Settings base = new Settings(appSettings.maxWait(), appSettings.acquisition(), appSettings.corePool(),
                    appSettings.maxPool(), appSettings.preferTimers(), appSettings.byDueDate(), indexPresent);
            List<Cell> matrix = matrix(base);
            int inMatrix = matrix.stream().mapToInt(Cell::n).sum();
            boolean second = FULL && FULL_BEST;
            log.start();
            try {
                generate(inMatrix + (FULL ? CASES : 0) + (second && !FULL_REUSE ? CASES : 0),
                        inMatrix + (FULL ? CASES : 0) + (second ? CASES : 0));
                int index = 0;
                for (Cell cell : matrix) {
                    pair(index++ % 2 == 0, cell, gridCase.slice(cell.n()));
                }
                if (FULL) {
                    Cell best = BEST.isBlank() ? fastest(matrix, base) : named(base, BEST);
                    List<String> full = gridCase.slice(CASES);
                    pair(index++ % 2 == 0, new Cell("application's setting, full size", base, CASES), full);
                    if (second) {
                        pair(index % 2 == 0, new Cell(best.name() + ", full size" + (FULL_REUSE
                                ? " (GridCase: the same cases' next rung, 本级超时 → level 2)" : ""), best.settings(),
                                CASES), FULL_REUSE ? nextRung(full) : gridCase.slice(CASES));
                    }
                }
            } finally {
                log.stop();
                setDueIndex(indexPresent);
            }
            return table(base);
        }

        /** The cell whose name starts with {@code name} (-Dgridcase.bench.best: one chosen in an earlier run). */
        Cell named(Settings base, String name) {
            return all(base, MATRIX_CASES).stream().filter(c -> c.name().startsWith(name)).findFirst().orElseThrow();
        }

        List<Cell> matrix(Settings b) {
            List<Cell> all = all(b, MATRIX_CASES);
            if (MATRIX.equals("all")) {
                return all;
            }
            if (MATRIX.equals("none")) {
                return List.of();
            }
            List<String> names = List.of(MATRIX.split(","));
            return all.stream().filter(c -> names.stream().anyMatch(w -> c.name().startsWith(w.trim()))).toList();
        }

        List<Cell> all(Settings b, int n) {
            List<Cell> all = List.of(
                    new Cell("application's setting", b, n),
                    new Cell("max-wait = wait-time (2 s)", new Settings(2000, b.acquisition(), b.corePool(),
                            b.maxPool(), b.preferTimers(), b.byDueDate(), b.dueIndex()), n),
                    new Cell("3 jobs per acquisition (Camunda's default)", new Settings(b.maxWait(), 3, b.corePool(),
                            b.maxPool(), b.preferTimers(), b.byDueDate(), b.dueIndex()), n),
                    new Cell("30 jobs per acquisition", new Settings(b.maxWait(), 30, b.corePool(), b.maxPool(),
                            b.preferTimers(), b.byDueDate(), b.dueIndex()), n),
                    new Cell("pool 2/2 (one thread per core)", new Settings(b.maxWait(), b.acquisition(), 2, 2,
                            b.preferTimers(), b.byDueDate(), b.dueIndex()), n),
                    new Cell("pool 10/20", new Settings(b.maxWait(), b.acquisition(), 10, 20, b.preferTimers(),
                            b.byDueDate(), b.dueIndex()), n),
                    new Cell("preferTimerJobs off", new Settings(b.maxWait(), b.acquisition(), b.corePool(),
                            b.maxPool(), false, b.byDueDate(), b.dueIndex()), n),
                    new Cell("acquireByDueDate off", new Settings(b.maxWait(), b.acquisition(), b.corePool(),
                            b.maxPool(), b.preferTimers(), false, b.dueIndex()), n),
                    new Cell("both orderings off (Camunda's default)", new Settings(b.maxWait(), b.acquisition(),
                            b.corePool(), b.maxPool(), false, false, b.dueIndex()), n),
                    new Cell(b.dueIndex() ? "without the due-date index" : "with a due-date index on ACT_RU_JOB",
                            new Settings(b.maxWait(), b.acquisition(), b.corePool(), b.maxPool(), b.preferTimers(),
                                    b.byDueDate(), !b.dueIndex()), n),
                    new Cell("proposed: max-wait 2 s and the due-date index", new Settings(2000, b.acquisition(),
                            b.corePool(), b.maxPool(), b.preferTimers(), b.byDueDate(), true), n));
            return all;
        }

        /** The matrix cell whose GridCase storm ended soonest after its last due date (the application's if none). */
        Cell fastest(List<Cell> matrix, Settings base) {
            return storms.stream().filter(s -> s.system().equals(gridCase.name) && s.done() == s.n())
                    .min((a, b) -> Double.compare(a.lastDueToAll(), b.lastDueToAll())).map(Storm::cell)
                    .orElse(new Cell("application's setting", base, CASES));
        }

        void pair(boolean gridCaseFirst, Cell cell, List<String> gridCaseTimers) throws Exception {
            if (gridCaseFirst) {
                storm(gridCase, cell, gridCaseTimers);
                storm(bareSystem, cell, bareSystem.slice(cell.n()));
            } else {
                storm(bareSystem, cell, bareSystem.slice(cell.n()));
                storm(gridCase, cell, gridCaseTimers);
            }
        }

        /**
         * The 本级超时 timers of cases a storm escalated to level 1: when they fall due the case climbs to level 2
         * (the push task is cancelled, 升级一级 runs again, a new push task and notification) — the same work as the
         * 红灯 timer plus the cancelled task, without generating the cases again.
         */
        List<String> nextRung(List<String> redLights) throws Exception {
            String[] next = new String[redLights.size()];
            parallel(next.length, "rung-", i -> next[i] = management.createJobQuery()
                    .processInstanceId(gridCase.clocks.get(redLights.get(i))).activityId("PushTimeout").singleResult()
                    .getId());
            return List.of(next);
        }

        // ------------------------------------------------------------ generation (job executors off)

        void generate(int n, int bareN) throws Exception {
            long t0 = System.nanoTime();
            AtomicInteger failed = new AtomicInteger();
            Sampler sampler = new Sampler("gen-");
            Thread sampling = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.sleep(1000);
                        sampler.sample();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-sampler");
            sampling.setDaemon(true);
            sampling.start();
            parallel(n, "gen-", i -> {
                for (int attempt = 0; ; attempt++) {
                    try {
                        String[] timerAndClock = openCaseAtItsHandlingDeadline(i);
                        gridCase.clocks.put(timerAndClock[0], timerAndClock[1]);
                        gridCase.timers.add(timerAndClock[0]);
                        return;
                    } catch (RuntimeException e) {
                        if (attempt == 2) {
                            failed.incrementAndGet();
                            System.out.println("   generation failed: " + e);
                            return;
                        }
                    }
                }
            });
            sampling.interrupt();
            assertThat(failed.get()).as("cases that could not be generated").isZero();
            double gc = (System.nanoTime() - t0) / 1e9;
            generationWhere = sampler.summary(8);
            long t1 = System.nanoTime();
            Date farAway = Date.from(Instant.now().plusSeconds(30L * 24 * 3600));
            parallel(bareN, "bare-gen-", i -> bareSystem.timers.add(bare.startTimed("STORM-" + i, farAway)));
            System.out.printf(Locale.ROOT, "   [%s] generated %d open cases at their handling deadline in %.0f s "
                    + "(%.1f/s), %d bare instances in %.0f s%n", label, n, gc, n / gc, bareN,
                    (System.nanoTime() - t1) / 1e9);
            generationWhere.forEach(w -> System.out.println("        " + w));
            generationRate = n / gc;
        }

        /** Intake, 核实研判 completed as valid, the yellow light run: the case's 红灯 timer job and its clock. */
        String[] openCaseAtItsHandlingDeadline(int i) {
            RequestIntake.Intake in = intake.submit(new RequestIntake.RequestInput("SANITATION",
                    "压测 " + i + "：东湖小区" + (i % 12 + 1) + "号楼门口垃圾堆放", "HOTLINE", "NORMAL",
                    new RequestIntake.Location(EAST_LAKE_GRID_1[0], EAST_LAKE_GRID_1[1]), "示范镇东湖小区3号楼", null,
                    new RequestIntake.Reporter("演练居民", String.format(Locale.ROOT, "1370000%04d", i % 10000), null),
                    null), DISPATCHER);
            String tn = in.file().getTrackingNumber();
            Task verify = tasks.createTaskQuery().processInstanceId(in.process().getId())
                    .taskDefinitionKey("VerifyRequest").singleResult();
            tasks.claim(verify.getId(), GRID_WORKER);
            tasks.complete(verify.getId(), Map.of("verifyOutcome", "VALID", "verifyNote", "现场属实"));
            String clock = runtime.createProcessInstanceQuery().processInstanceBusinessKey(tn)
                    .processDefinitionKey("case-clock").singleResult().getId();
            management.executeJob(management.createJobQuery().processInstanceId(clock).activityId("YellowLight")
                    .singleResult().getId());
            return new String[] {management.createJobQuery().processInstanceId(clock).activityId("RedLight")
                    .singleResult().getId(), clock};
        }

        // ------------------------------------------------------------ one storm

        void storm(Subject system, Cell cell, List<String> slice) throws Exception {
            int n = cell.n();
            double spread = SPREAD_SECONDS * (double) n / CASES;
            setDueIndex(cell.settings().dueIndex());
            system.apply(cell.settings());
            LongSupplier escalations = system.escalations(jdbc);
            long incidents0 = count("select count(*) from ACT_RU_INCIDENT");
            long failed0 = count("select count(*) from ACT_RU_JOB where EXCEPTION_MSG_ is not null");
            Map<String, Long> meters0 = system.meters();
            long warnings0 = log.warnings.sum();
            long locking0 = log.locking.sum();
            // T: after the idle time, and after the due dates can have been set (about 4 ms each per thread)
            long settingMillis = 3000 + 4L * n / THREADS;
            long t = System.currentTimeMillis() + Math.max(IDLE_SECONDS * 1000L, settingMillis);
            system.executor.start();
            long spreadMillis = Math.round(spread * 1000);
            parallel(n, "due-", i -> system.configuration.getManagementService().setJobDuedate(slice.get(i),
                    new Date(t + (n == 1 ? 0 : spreadMillis * i / (n - 1)))));
            double overrun = Math.max(0, (System.currentTimeMillis() - t) / 1000.0);
            long lastDue = t + spreadMillis;
            Sampler sampler = new Sampler(system.pool.getThreadNamePrefix());
            long first = -1;
            long all = -1;
            long done = 0;
            long deadline = lastDue + TIMEOUT_SECONDS * 1000L;
            long nextSample = t;
            while (System.currentTimeMillis() < deadline) {
                done = escalations.getAsLong();
                long now = System.currentTimeMillis();
                if (first < 0 && done > 0) {
                    first = now;
                }
                if (done >= n) {
                    all = now;
                    break;
                }
                if (now >= nextSample && now >= t) {
                    sampler.sample();
                    nextSample = now + 1000;
                }
                Thread.sleep(250);
            }
            system.executor.shutdown();
            Thread.sleep(500);
            Map<String, Long> meters1 = system.meters();
            Map<String, Long> meters = new LinkedHashMap<>();
            meters0.forEach((k, v) -> meters.put(k, meters1.get(k) - v));
            long end = all > 0 ? all : System.currentTimeMillis();
            Storm storm = new Storm(system.name, cell, n, spread, first < 0 ? Double.NaN : (first - t) / 1000.0,
                    (end - lastDue) / 1000.0, (end - t) / 1000.0, (int) done, log.warnings.sum() - warnings0,
                    log.locking.sum() - locking0,
                    count("select count(*) from ACT_RU_JOB where EXCEPTION_MSG_ is not null") - failed0,
                    count("select count(*) from ACT_RU_INCIDENT") - incidents0, meters, sampler.summary(6),
                    overrun);
            storms.add(storm);
            System.out.printf(Locale.ROOT, "   [%s] %s, %s: %d/%d escalated, last due → all %.1f s, T → all %.1f s "
                    + "(%.0f/s), first after %.1f s; failed jobs %d, incidents %d, locking warnings %d; %s%s%n", label,
                    system.name, cell.name(), done, n, storm.lastDueToAll(), storm.all(), storm.rate(),
                    storm.first(), storm.failedJobs(), storm.incidents(), storm.lockingWarnings(), meters,
                    overrun > 0 ? String.format(Locale.ROOT, " (due dates set %.1f s after T)", overrun) : "");
            storm.where().forEach(w -> System.out.println("        " + w));
        }

        long count(String sql) {
            return jdbc.queryForObject(sql, Long.class);
        }

        // ------------------------------------------------------------ the due-date index

        boolean hasDueIndex() throws Exception {
            try (Connection c = jdbc.getDataSource().getConnection();
                    ResultSet r = c.getMetaData().getIndexInfo(c.getCatalog(), null,
                            "ACT_RU_JOB", false, true)) {
                while (r.next()) {
                    if (DUE_INDEX.equalsIgnoreCase(r.getString("INDEX_NAME"))) {
                        return true;
                    }
                }
            }
            return false;
        }

        void setDueIndex(boolean wanted) throws Exception {
            boolean present = hasDueIndex();
            if (wanted && !present) {
                jdbc.execute("create index " + DUE_INDEX + " on ACT_RU_JOB (DUEDATE_)");
            } else if (!wanted && present) {
                jdbc.execute(database.equals("h2") ? "drop index " + DUE_INDEX
                        : "drop index " + DUE_INDEX + " on ACT_RU_JOB");
            }
        }

        // ------------------------------------------------------------ report

        String table(Settings base) {
            StringBuilder t = new StringBuilder();
            t.append(String.format(Locale.ROOT, "%n### %s%n%nApplication's setting: %s. Generation (job executor "
                    + "off, %d threads): %.1f cases/s; the generating threads were at:%n", label, base.describe(),
                    THREADS, generationRate));
            generationWhere.forEach(w -> t.append("  - ").append(w).append('\n'));
            t.append('\n');
            t.append("| cell | n (spread) | GridCase: first / last due → all / T → all (s) "
                    + "| GridCase /s after the first | bare: first / last due → all / T → all (s) "
                    + "| bare /s after the first | ratio last due → all | ratio T → all "
                    + "| GridCase failed jobs / incidents / locking warnings / acquisition conflicts |\n"
                    + "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
            Map<String, Storm> bareByCell = new LinkedHashMap<>();
            storms.stream().filter(s -> s.system().equals(bareSystem.name)).forEach(s -> bareByCell.put(s.cell()
                    .name(), s));
            for (Storm g : storms) {
                if (!g.system().equals(gridCase.name)) {
                    continue;
                }
                Storm b = bareByCell.get(g.cell().name());
                t.append(String.format(Locale.ROOT, "| %s | %d (%.1f s) | %s | %.0f | %s | %.0f | %s | %.2f× | %d / %d "
                        + "/ %d / %d |%n", g.cell().name(), g.n(), g.spread(), times(g), g.processingRate(), times(b),
                        b.processingRate(), ratio(g.lastDueToAll(), b.lastDueToAll()), g.all() / b.all(),
                        g.failedJobs(), g.incidents(), g.lockingWarnings(),
                        g.meters().get(Metrics.JOB_ACQUIRED_FAILURE)));
            }
            t.append("\nfirst: T → the first escalation (the job executor's idle back-off); /s after the first: "
                    + "escalations per second from the first to the last.\n");
            t.append("\nJob meters per storm (acquisition attempts, acquired, acquisition conflicts, executed, failed, "
                    + "rejected, locked exclusively) and where the job executor's threads were (stack samples, "
                    + "one a second per thread):\n\n");
            for (Storm s : storms) {
                t.append(String.format(Locale.ROOT, "- %s, %s: %s%s; warnings %d%n", s.system(), s.cell().name(),
                        s.meters().values(), s.done() < s.n() ? " — NOT DONE: " + s.done() + " of " + s.n() : "",
                        s.warnings()));
                s.where().forEach(w -> t.append("  - ").append(w).append('\n'));
            }
            return t.toString();
        }

        String times(Storm s) {
            return String.format(Locale.ROOT, "%.1f / %s / %.1f", s.first(),
                    s.done() < s.n() ? "> " + String.format(Locale.ROOT, "%.1f", s.lastDueToAll())
                            : String.format(Locale.ROOT, "%.1f", s.lastDueToAll()), s.all());
        }

        String ratio(double gc, double b) {
            // a storm the bare engine finished within the poll interval of its last due date: the ratio says little
            return b < 0.5 ? String.format(Locale.ROOT, "%.1f s vs < 0.5 s", gc)
                    : String.format(Locale.ROOT, "%.1f×", gc / b);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** {@code n} operations from {@link #THREADS} threads. */
    private static void parallel(int n, String threads, IntConsumer op) throws Exception {
        BenchApp.closed(THREADS, n, threads, op, 180);
    }

    /** Counts warnings and optimistic-locking reports of every logger while a run lasts. */
    private static final class LogCounter extends AppenderBase<ILoggingEvent> {
        final LongAdder warnings = new LongAdder();
        final LongAdder locking = new LongAdder();

        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                warnings.increment();
                String text = event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getClassName());
                if (text.contains("OptimisticLocking")) {
                    locking.increment();
                }
            }
        }

        @Override
        public void start() {
            super.start();
            root().addAppender(this);
        }

        @Override
        public void stop() {
            root().detachAppender(this);
            super.stop();
        }

        private static ch.qos.logback.classic.Logger root() {
            return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        }
    }

    /** Stack samples of a pool's threads, each summarised as the frame it was in and the code that called it. */
    private static final class Sampler {
        private final String prefix;
        private final Map<String, Integer> where = new ConcurrentHashMap<>();
        private int samples;

        Sampler(String prefix) {
            this.prefix = prefix;
        }

        void sample() {
            for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                String name = e.getKey().getName();
                boolean acquisition = name.startsWith("JobExecutor[");
                if (!name.startsWith(prefix) && !acquisition) {
                    continue;
                }
                samples++;
                where.merge((acquisition ? "acquisition thread: " : "") + summary(e.getKey().getState(),
                        e.getValue()), 1, Integer::sum);
            }
        }

        private static String summary(Thread.State state, StackTraceElement[] stack) {
            if (stack.length == 0) {
                return state.name();
            }
            String top = frame(stack[0]);
            for (StackTraceElement f : stack) {
                String c = f.getClassName();
                if (c.startsWith("java.util.concurrent.ThreadPoolExecutor") && f.getMethodName().equals("getTask")) {
                    return "idle, waiting for a job (" + state + ")";
                }
            }
            String database = null;
            String caller = null;
            for (StackTraceElement f : stack) {
                String c = f.getClassName();
                if (database == null && (c.startsWith("com.mysql") || c.startsWith("org.mariadb")
                        || c.startsWith("org.h2"))) {
                    database = "in the JDBC driver";
                }
                if (caller == null && ((c.startsWith("org.gridcase.") && !c.startsWith("org.gridcase.bench"))
                        || c.startsWith("org.camunda.bpm.engine.impl.persistence.entity.")
                        || c.startsWith("org.camunda.bpm.engine.impl.cmd.")
                        || c.startsWith("org.camunda.bpm.engine.impl.db.")
                        || c.startsWith("org.camunda.bpm.engine.impl.jobexecutor.BackoffJobAcquisitionStrategy")
                        || c.startsWith("org.camunda.bpm.engine.impl.jobexecutor.SequentialJobAcquisitionRunnable")
                        || c.startsWith("org.hibernate."))) {
                    caller = frame(f);
                }
            }
            return (database != null ? database + " " : "") + top + " (" + state + ")"
                    + (caller != null ? " ← " + caller : "");
        }

        private static String frame(StackTraceElement f) {
            String c = f.getClassName();
            return c.substring(c.lastIndexOf('.') + 1) + "." + f.getMethodName();
        }

        List<String> summary(int max) {
            List<String> lines = new ArrayList<>();
            int total = Math.max(1, samples);
            where.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(max)
                    .forEach(e -> lines.add(String.format(Locale.ROOT, "%d %% %s", Math.round(100.0 * e.getValue()
                            / total), e.getKey())));
            return lines;
        }
    }
}

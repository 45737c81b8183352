package org.gridcase.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.gridcase.GridCaseApplication;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the benchmarks share to start the whole application in the test JVM on a fresh database: H2 as a file under
 * the benchmark's directory with the default URL settings, or MariaDB/MySQL through Connector/J (profile
 * {@code mysql}; the benchmark's own database is <b>dropped and created again</b>), profile {@code demo}, GridCase's
 * log at WARN, the application's {@code dataSource} bean optionally wrapped (a {@link StatementCounter}).
 * MariaDB: {@code -Dgridcase.bench.mariadb-host=127.0.0.1:3306}, {@code -Dgridcase.bench.mariadb-user=root},
 * {@code -Dgridcase.bench.mariadb-password=}.
 */
final class BenchApp {

    static final String MARIADB_HOST = System.getProperty("gridcase.bench.mariadb-host", "127.0.0.1:3306");
    static final String MARIADB_USER = System.getProperty("gridcase.bench.mariadb-user", "root");
    static final String MARIADB_PASSWORD = System.getProperty("gridcase.bench.mariadb-password", "");

    private BenchApp() {
    }

    /** A started application and the words that name its database in a report. */
    record Started(ConfigurableApplicationContext context, String label) implements AutoCloseable {
        @Override
        public void close() {
            context.close();
        }
    }

    /**
     * Starts the application on {@code database} ({@code h2}: a file under {@code work/h2}, deleted first;
     * {@code mariadb}: {@code mariaDbDatabase}, dropped and created) on {@code port}, with {@code extraArgs} after
     * the common ones, and {@code wrap} applied to the {@code dataSource} bean.
     */
    static Started start(String database, Path work, String mariaDbDatabase, int port, List<String> extraArgs,
            UnaryOperator<DataSource> wrap) throws IOException, SQLException {
        List<String> args = new ArrayList<>(List.of("--server.port=" + port, "--gridcase.demo.sample-tasks=false",
                "--gridcase.registry.index-poll-millis=3600000", "--logging.level.root=WARN",
                "--logging.level.org.gridcase=WARN"));
        String label;
        String[] profiles;
        if (database.equals("h2")) {
            Path dir = work.resolve("h2");
            deleteTree(dir);
            args.add("--spring.datasource.url=jdbc:h2:file:" + dir.resolve("gridcase")
                    + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;LOCK_TIMEOUT=10000");
            profiles = new String[] {"demo"};
            label = "H2 (file, default URL settings)";
        } else if (database.equals("mariadb")) {
            recreateMariaDb(mariaDbDatabase);
            args.add("--spring.datasource.url=jdbc:mysql://" + MARIADB_HOST + "/" + mariaDbDatabase
                    + "?sendFractionalSeconds=false&nullDatabaseMeansCurrent=true&characterEncoding=UTF-8");
            args.add("--spring.datasource.username=" + MARIADB_USER);
            args.add("--spring.datasource.password=" + MARIADB_PASSWORD);
            profiles = new String[] {"mysql", "demo"};
            label = "MariaDB/MySQL " + MARIADB_HOST + "/" + mariaDbDatabase + " (Connector/J)";
        } else {
            throw new IllegalArgumentException("gridcase.bench.databases: h2 or mariadb, not " + database);
        }
        args.addAll(extraArgs);
        BeanPostProcessor wrapping = new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource ds && name.equals("dataSource") ? wrap.apply(ds) : bean;
            }
        };
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GridCaseApplication.class)
                .profiles(profiles)
                .initializers(c -> c.getBeanFactory().addBeanPostProcessor(wrapping))
                .run(args.toArray(String[]::new));
        return new Started(context, label);
    }

    /** A benchmark's measurement on one database: its report table. */
    @FunctionalInterface
    interface OnDatabase {
        String run(String database) throws Exception;
    }

    /**
     * Runs {@code run} on each database in turn, prints each table, and keeps the report so far ({@code heading},
     * then the tables) in {@code work/report.md}; at the end prints the whole report.
     */
    static void eachDatabase(List<String> databases, Path work, String heading, OnDatabase run) throws Exception {
        Files.createDirectories(work);
        StringBuilder report = new StringBuilder(heading);
        for (String database : databases) {
            String table = run.run(database.trim());
            System.out.println(table);
            report.append(table);
            Files.writeString(work.resolve("report.md"), report, StandardCharsets.UTF_8);
        }
        System.out.println(report);
        Files.writeString(work.resolve("report.md"), report, StandardCharsets.UTF_8);
    }

    static void recreateMariaDb(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + MARIADB_HOST + "/", MARIADB_USER,
                MARIADB_PASSWORD); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database);
            s.execute("create database " + database + " character set utf8mb4 collate utf8mb4_unicode_ci");
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * {@code n} operations from {@code clients} threads named {@code threads1…}, each starting the next as soon as
     * one ends, all within {@code timeoutMinutes}: operations per second.
     */
    static double closed(int clients, int n, String threads, IntConsumer op, long timeoutMinutes) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients, named(threads));
        try {
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        op.accept(i);
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get(timeoutMinutes, TimeUnit.MINUTES);
            }
            return n / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Daemon threads named {@code prefix1}, {@code prefix2}, … (the statement counter tells threads by name). */
    static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

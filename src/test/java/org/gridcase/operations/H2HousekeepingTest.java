package org.gridcase.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The embedded H2 file with {@code WRITE_DELAY=0} under many small commits: the same commits on two files, one with
 * the housekeeping and one without, in the same run. Without it H2 frees nothing for 45 s and the file holds every
 * chunk written; with it the file stays a fraction of that, and every committed row is there after a reopen.
 */
class H2HousekeepingTest {

    private static final int COMMITS = 12_000;

    @TempDir
    Path dir;

    @Test
    void theFileStaysAFractionOfWhatTheCommitsWroteAndKeepsEveryRow() throws Exception {
        long without = run("without", false);
        long with = run("with", true);
        // measured: 137 MB against 502 MB (the test prints both); without the housekeeping the two are alike
        assertThat(with).as("file with housekeeping %d bytes, without %d bytes", with, without)
                .isLessThan(without / 2);
    }

    @Test
    void noHousekeepingOnAMemoryDatabase() throws Exception {
        try (HikariDataSource ds = dataSource("jdbc:h2:mem:housekeeping;DB_CLOSE_DELAY=-1")) {
            H2Housekeeping housekeeping = new H2Housekeeping(ds, new DatabaseDurability(ds), true, 200, 2000, 500);
            assertThat(housekeeping.running()).isFalse();
            housekeeping.destroy();
        }
    }

    private long run(String name, boolean enabled) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve(name).resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        Path file = dir.resolve(name).resolve("db.mv.db");
        try (HikariDataSource ds = dataSource(url)) {
            H2Housekeeping housekeeping = new H2Housekeeping(ds, new DatabaseDurability(ds), enabled, 50, 1000, 250);
            assertThat(housekeeping.running()).isEqualTo(enabled);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("create table item(id bigint primary key, k varchar(40), body varchar(400), n int)");
                s.execute("create index item_k on item(k)");
                s.execute("create table counter(id int primary key, c bigint)");
                for (int i = 0; i < 50; i++) {
                    s.execute("insert into counter values (" + i + ", 0)");
                }
            }
            Thread[] writers = new Thread[2];
            Exception[] failure = new Exception[1];
            for (int w = 0; w < writers.length; w++) {
                int from = w * (COMMITS / writers.length);
                writers[w] = new Thread(() -> {
                    try {
                        commit(ds, from, COMMITS / writers.length);
                    } catch (Exception e) {
                        failure[0] = e;
                    }
                });
                writers[w].start();
            }
            for (Thread writer : writers) {
                writer.join();
            }
            assertThat(failure[0]).isNull();
            assertThat(housekeeping.steps() > 0).isEqualTo(enabled);
            assertThat(retention(ds)).isEqualTo(enabled ? 1000 : H2Housekeeping.H2_RETENTION_MILLIS);
            long size = Files.size(file);
            System.out.printf("H2HousekeepingTest %s: %,d commits, file %,d bytes, housekeeping steps %d%n", name,
                    COMMITS, size, housekeeping.steps());
            housekeeping.destroy();
            assertThat(housekeeping.running()).isFalse();
            return size;
        } finally {
            // every committed row is in the file when it is opened again; switched off, the retention is H2's again
            try (HikariDataSource again = dataSource(url); Connection c = again.getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select (select count(*) from item), (select sum(c) from counter)")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(COMMITS);
                assertThat(rs.getLong(2)).isEqualTo(COMMITS);
                assertThat(retention(again)).isEqualTo(enabled ? 1000 : H2Housekeeping.H2_RETENTION_MILLIS);
                new H2Housekeeping(again, new DatabaseDurability(again), false, 50, 1000, 250).destroy();
                assertThat(retention(again)).isEqualTo(H2Housekeeping.H2_RETENTION_MILLIS);
            }
        }
    }

    private static int retention(HikariDataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select setting_value from information_schema.settings where setting_name = 'RETENTION_TIME'")) {
            return rs.next() ? Integer.parseInt(rs.getString(1).strip()) : H2Housekeeping.H2_RETENTION_MILLIS;
        }
    }

    private static void commit(HikariDataSource ds, int from, int count) throws Exception {
        SplittableRandom random = new SplittableRandom(from);
        try (Connection c = ds.getConnection();
                PreparedStatement insert = c.prepareStatement("insert into item values (?, ?, ?, 0)");
                PreparedStatement count1 = c.prepareStatement("update counter set c = c + 1 where id = ?");
                PreparedStatement touch = c.prepareStatement("update item set n = n + 1 where id = ?")) {
            c.setAutoCommit(false);
            String body = "正文".repeat(100);
            for (int i = from; i < from + count; i++) {
                insert.setLong(1, i);
                insert.setString(2, "k" + random.nextInt(1_000_000));
                insert.setString(3, body);
                insert.executeUpdate();
                count1.setInt(1, random.nextInt(50));
                count1.executeUpdate();
                if (i > from) {
                    touch.setLong(1, from + random.nextInt(i - from));
                    touch.executeUpdate();
                }
                c.commit();
            }
        }
    }

    private static HikariDataSource dataSource(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }
}

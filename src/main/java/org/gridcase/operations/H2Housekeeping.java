package org.gridcase.operations;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded H2 file bounded while {@link DatabaseDurability} has every commit written before it returns.
 * <p>
 * H2's MVStore writes a chunk per commit and frees a chunk only when none of its pages is live any more and its
 * retention time (45 s) is over; its background writer rewrites the last live pages of mostly dead chunks. The
 * retention is what lets the file grow: 45 s after a chunk was written a few hundred newer ones each hold a page
 * of it, so almost no chunk ever becomes free. {@code WRITE_DELAY=0} only adds that no background writer runs; with
 * H2's default write delay and the same concurrent commits the file grew just as fast (docs/benchmarks.md, "The fix:
 * operations/H2Housekeeping": 2.3 GB with WRITE_DELAY=0, 2.7 GB with the default, 225 MB with this). Before it the
 * file grew 2.7 MB per closed case with 26 KB of it live.
 * <p>
 * This does what the background writer would: every {@code period-millis} one daemon thread runs H2's own
 * housekeeping step ({@code FileStore.writeInBackground}: commit what is unsaved, rewrite sparse chunks, move chunks
 * into holes), the same step H2 runs with its default write delay. It also sets the retention time to
 * {@code retention-millis} (stored in the database) and forces the file to disk every {@code sync-millis}. H2 keeps
 * a dead chunk for the retention time on the assumption that "a file system will flush all write buffers within this
 * time"; the forced flush makes that true for a retention of a few seconds, so a power loss finds the same file a
 * 45 s retention would give. The housekeeping step is package-private in H2: it is called by reflection, and when
 * an H2 upgrade moves it the application logs an error and runs without it (H2HousekeepingTest fails first).
 * <p>
 * Only for an H2 file database; a memory database and MySQL have nothing to do here.
 */
@Component
class H2Housekeeping implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);

    /** H2's own retention time for a file store ({@code FileStore.setRetentionTime}'s documented default). */
    static final int H2_RETENTION_MILLIS = 45_000;

    private final ScheduledExecutorService thread;
    private final AtomicLong steps = new AtomicLong();
    private volatile Throwable lastFailure;

    H2Housekeeping(DataSource dataSource, DatabaseDurability durability,
            @Value("${gridcase.h2.housekeeping.enabled:true}") boolean enabled,
            @Value("${gridcase.h2.housekeeping.period-millis:200}") long periodMillis,
            @Value("${gridcase.h2.housekeeping.retention-millis:2000}") int retentionMillis,
            @Value("${gridcase.h2.housekeeping.sync-millis:500}") long syncMillis) throws SQLException {
        if (enabled && syncMillis >= retentionMillis) {
            throw new IllegalStateException("gridcase.h2.housekeeping.sync-millis (" + syncMillis
                    + ") must be shorter than retention-millis (" + retentionMillis + ")");
        }
        MVStore store = fileStoreOf(dataSource);
        Method step = store == null || !enabled ? null : housekeepingStep();
        if (step == null) {
            thread = null;
            if (store != null && store.getRetentionTime() != H2_RETENTION_MILLIS) {
                // the short retention is stored in the database: without the forced flushes it is H2's again
                retention(dataSource, H2_RETENTION_MILLIS);
            }
            return;
        }
        retention(dataSource, retentionMillis);
        FileStore<?> file = store.getFileStore();
        long syncEvery = Math.max(1, syncMillis / periodMillis);
        long reportEvery = Math.max(1, 60_000 / periodMillis);
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "h2-housekeeping");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(() -> {
            if (store.isClosed()) {
                log.info("H2 database closed: its housekeeping stops");
                thread.shutdown();
                return;
            }
            try {
                step.invoke(file);
                long n = steps.incrementAndGet();
                if (n % syncEvery == 0) {
                    store.sync();
                }
                if (log.isDebugEnabled() && n % reportEvery == 0) {
                    StringBuilder info = new StringBuilder();
                    store.populateInfo((k, v) -> {
                        if (k.contains("FILL") || k.contains("FILE_SIZE") || k.contains("CHUNK_COUNT")
                                || k.contains("PAGE_COUNT")) {
                            info.append(' ').append(k.substring("info.".length())).append('=').append(v);
                        }
                    });
                    log.debug("H2 housekeeping: version {}{}", store.getCurrentVersion(), info);
                }
            } catch (InvocationTargetException e) {
                failed(e.getCause());
            } catch (ReflectiveOperationException | RuntimeException e) {
                failed(e);
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        log.info("H2 housekeeping every {} ms, retention {} ms, file forced to disk every {} ms",
                periodMillis, retentionMillis, syncEvery * periodMillis);
    }

    /** Steps run so far: 0 when there is no H2 file here or the housekeeping is off. */
    long steps() {
        return steps.get();
    }

    boolean running() {
        return thread != null && !thread.isShutdown();
    }

    private void failed(Throwable e) {
        // a failed step leaves the file as it was (H2 runs it under its store lock); the next one tries again
        if (lastFailure == null || !String.valueOf(lastFailure).equals(String.valueOf(e))) {
            log.warn("H2 housekeeping step failed; the next one tries again", e);
        }
        lastFailure = e;
    }

    @Override
    public void destroy() throws InterruptedException {
        if (thread != null) {
            thread.shutdownNow();
            thread.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static void retention(DataSource dataSource, int millis) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET RETENTION_TIME " + millis);
        }
    }

    private static MVStore fileStoreOf(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            var meta = c.getMetaData();
            if (!"H2".equals(meta.getDatabaseProductName()) || meta.getURL().startsWith("jdbc:h2:mem:")
                    || !c.isWrapperFor(JdbcConnection.class)
                    || !(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
                return null; // not H2, in memory, or H2 as a server in another process: its own business
            }
            MVStore store = session.getDatabase().getStore().getMvStore();
            return store.getFileStore() == null || store.getFileStore().isReadOnly() ? null : store;
        }
    }

    private static Method housekeepingStep() {
        try {
            Method step = FileStore.class.getDeclaredMethod("writeInBackground");
            step.setAccessible(true);
            return step;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.error("H2 housekeeping is not available with this H2 version ({}): the database file grows with "
                    + "every commit; compact it while the application is stopped (README, \"The H2 file and its housekeeping\")",
                    e.toString());
            return null;
        }
    }
}

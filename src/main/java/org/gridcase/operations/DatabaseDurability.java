package org.gridcase.operations;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A 201 of the intake means the case and its process are committed: that only holds if a commit is on disk when the
 * database answers it. Checked once at start, before the web server takes requests.
 * <ul>
 * <li>H2 (2.x, MVStore) by default writes committed changes to its file up to {@code WRITE_DELAY} (500 ms) later, in
 * a background thread: a crash of the JVM loses the last commits, and their tracking numbers are handed out again.
 * With {@code WRITE_DELAY=0} every commit writes its chunk to the file before the commit returns. The default URL
 * sets it; on any other H2 file URL this sets it (the setting is stored in the database). H2 does not fsync on
 * commit, so this holds for a crash of the JVM, not for a power loss of the machine: production runs on MySQL.
 * With or without a background writer H2 keeps its file bounded only with a short retention time and its
 * housekeeping step under concurrent commits: {@link H2Housekeeping} does both.</li>
 * <li>MySQL / MariaDB (InnoDB) is durable per commit with {@code innodb_flush_log_at_trx_commit=1}, the default; any
 * other value is logged as an error at start.</li>
 * </ul>
 */
@Component
class DatabaseDurability {

    private static final Logger log = LoggerFactory.getLogger(DatabaseDurability.class);

    DatabaseDurability(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            String product = meta.getDatabaseProductName();
            if ("H2".equals(product) && !meta.getURL().startsWith("jdbc:h2:mem:")) {
                int delay = h2WriteDelay(c);
                if (delay != 0) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SET WRITE_DELAY 0");
                    }
                    log.warn("H2 WRITE_DELAY was {} ms: commits could be lost in a crash; set to 0 "
                            + "(add ;WRITE_DELAY=0 to the JDBC URL)", delay);
                }
            } else if ("MySQL".equals(product) || "MariaDB".equals(product)) {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("select @@innodb_flush_log_at_trx_commit")) {
                    if (rs.next() && rs.getInt(1) != 1) {
                        log.error("innodb_flush_log_at_trx_commit is {}: answered requests can be lost when the "
                                + "database server crashes; set it to 1", rs.getInt(1));
                    }
                }
            }
        }
    }

    static int h2WriteDelay(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select setting_value from information_schema.settings where setting_name = 'WRITE_DELAY'")) {
            return rs.next() ? Integer.parseInt(rs.getString(1).strip()) : -1;
        }
    }
}

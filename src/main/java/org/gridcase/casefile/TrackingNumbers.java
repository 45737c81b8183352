package org.gridcase.casefile;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Readable tracking numbers, {@code SQ-20261122-0001}: kind prefix, the Shanghai date, a number per prefix and day.
 * The counter row is locked by its update, so concurrent intakes (and cluster nodes) never share a number; the
 * number is used up only when the intake commits, and a commit is durable (see {@code DatabaseDurability}), so a
 * number is never handed out twice, not even after a crash.
 * <p>
 * The day's row is created in a short transaction of its own. Created inside the intake, parallel first intakes of a
 * day deadlocked on InnoDB: each failed insert keeps a shared lock on the new row until its transaction ends, and
 * two of them then wait for each other's lock to update it (seen as 500s in the crash drill on MariaDB).
 */
@Component
class TrackingNumbers {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    TrackingNumbers(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    String next(String prefix, LocalDate day) {
        String key = prefix + "-" + DAY.format(day);
        if (increment(key) == 0) {
            ownTransaction.executeWithoutResult(status -> {
                try {
                    jdbc.update("insert into tracking_sequence (prefix_day, last_value) values (?, 0)", key);
                } catch (DuplicateKeyException raced) {
                    status.setRollbackOnly(); // a parallel intake created it: its lock ends with this transaction
                }
            });
            if (increment(key) == 0) {
                throw new IllegalStateException("Could not allocate a tracking number for " + key);
            }
        }
        Long value = jdbc.queryForObject("select last_value from tracking_sequence where prefix_day = ?",
                Long.class, key);
        return key + "-" + String.format("%04d", value);
    }

    private int increment(String key) {
        return jdbc.update("update tracking_sequence set last_value = last_value + 1 where prefix_day = ?", key);
    }
}

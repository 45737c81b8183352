package org.gridcase.casefile;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Readable tracking numbers, {@code SQ-20261122-0001}: kind prefix, the Shanghai date, a number per prefix and day.
 * <p>
 * Numbers are handed out from blocks (hi/lo): a node takes the next {@code gridcase.tracking.block-size} numbers of
 * a prefix and day at once, in a short transaction of its own that moves the day's counter row past the block and
 * commits before any number of it is used; then it hands them out from memory. So intakes no longer queue behind
 * the counter row: it used to be locked by the first statement of every intake and held until that intake
 * committed, which serialized all intakes of a day (issue 12: 29 of 39 busy request threads waited there). Numbers
 * stay unique across intakes, across cluster nodes (each block is taken under the row's lock) and across a crash
 * (a block is durable before its first number is used; see {@code DatabaseDurability}). What this gives up: numbers
 * are no longer gapless — what a node had not handed out when it stopped, and the number of an intake that failed,
 * are skipped — and on two nodes they are not in the order of registration. Block size 1 gives gapless numbers
 * again except for failed intakes, at the cost of that short transaction per intake.
 * <p>
 * {@link #next} is meant to be called before the intake's own transaction (as {@link CaseStarts} does): taking a
 * block needs a connection of its own, and a request that already holds one while waiting for a second could, with
 * the pool full of such requests, wait for the pool's timeout.
 * <p>
 * The day's row is created in a short transaction of its own. Created in the same transaction as its first
 * update, parallel first takes of a day deadlocked on InnoDB: each failed insert keeps a shared lock on the new row
 * until its transaction ends, and two of them then wait for each other's lock to update it.
 */
@Component
class TrackingNumbers {

    private static final Logger log = LoggerFactory.getLogger(TrackingNumbers.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final int blockSize;
    /** prefix → the block of its current day; guarded by {@code this}. */
    private final Map<String, Block> blocks = new HashMap<>();

    TrackingNumbers(JdbcTemplate jdbc, PlatformTransactionManager transactions,
            @Value("${gridcase.tracking.block-size:20}") int blockSize) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("gridcase.tracking.block-size must be at least 1, not " + blockSize);
        }
        this.jdbc = jdbc;
        this.blockSize = blockSize;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The next number of {@code prefix} on {@code day}; never the same twice, on any node, in any run. */
    synchronized String next(String prefix, LocalDate day) {
        String key = prefix + "-" + DAY.format(day);
        Block block = blocks.get(prefix);
        if (block == null || !block.key.equals(key) || block.next > block.last) {
            block = take(key);
            blocks.put(prefix, block);
        }
        return key + "-" + String.format("%04d", block.next++);
    }

    /** The next {@code blockSize} numbers of the day, committed before this returns. */
    private Block take(String key) {
        Long last = ownTransaction.execute(status -> increment(key));
        if (last == null) {
            ownTransaction.executeWithoutResult(status -> {
                try {
                    jdbc.update("insert into tracking_sequence (prefix_day, last_value) values (?, 0)", key);
                } catch (DuplicateKeyException raced) {
                    status.setRollbackOnly(); // another node created it: its lock ends with this transaction
                }
            });
            last = ownTransaction.execute(status -> increment(key));
            if (last == null) {
                throw new IllegalStateException("Could not allocate a tracking number for " + key);
            }
        }
        log.debug("Tracking numbers {}-{} to {} taken", key, last - blockSize + 1, last);
        return new Block(key, last - blockSize + 1, last);
    }

    /** Moves the day's counter past a block: the block's last number, or null when the day has no row yet. */
    private Long increment(String key) {
        if (jdbc.update("update tracking_sequence set last_value = last_value + ? where prefix_day = ?", blockSize,
                key) == 0) {
            return null;
        }
        return jdbc.queryForObject("select last_value from tracking_sequence where prefix_day = ?", Long.class, key);
    }

    private static final class Block {
        final String key;
        final long last;
        long next;

        Block(String key, long first, long last) {
            this.key = key;
            this.next = first;
            this.last = last;
        }
    }
}

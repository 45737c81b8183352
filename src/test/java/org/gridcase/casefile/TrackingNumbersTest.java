package org.gridcase.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.gridcase.GridCaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Tracking numbers come from blocks a node takes in a short transaction of its own: never twice, on two nodes at once
 * or after a node stopped; a stopped node's unused numbers are a gap. Each test uses a prefix of its own on the
 * shared database; a {@link TrackingNumbers} made here is one node.
 */
class TrackingNumbersTest extends GridCaseTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 22);

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    private TrackingNumbers node(int blockSize) {
        return new TrackingNumbers(jdbc, transactions, blockSize);
    }

    @Test
    void twoNodesTakingNumbersAtOnceNeverShareOne() throws Exception {
        // Given two nodes with blocks of 7, each with 4 request threads
        TrackingNumbers a = node(7);
        TrackingNumbers b = node(7);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // When every thread takes 50 numbers of the same prefix and day
            List<Future<List<String>>> takes = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                TrackingNumbers node = t % 2 == 0 ? a : b;
                takes.add(pool.submit(() -> {
                    List<String> numbers = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        numbers.add(node.next("TA", DAY));
                    }
                    return numbers;
                }));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> take : takes) {
                all.addAll(take.get(60, TimeUnit.SECONDS));
            }

            // Then all 400 differ, in the readable format, and the counter is past every one of them
            assertThat(all).hasSize(400).doesNotHaveDuplicates().allMatch(n -> n.matches("TA-20261122-\\d{4}"));
            long highest = all.stream().mapToLong(n -> Long.parseLong(n.substring(12))).max().orElseThrow();
            assertThat(jdbc.queryForObject("select last_value from tracking_sequence where prefix_day = ?",
                    Long.class, "TA-20261122")).isGreaterThanOrEqualTo(highest);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aNodeStartedAgainGoesOnPastTheBlockOfTheOneBefore() {
        // Given a node with blocks of 5 that handed out 3 numbers and then stopped (or crashed)
        TrackingNumbers before = node(5);
        List<String> first = List.of(before.next("TB", DAY), before.next("TB", DAY), before.next("TB", DAY));
        assertThat(first).containsExactly("TB-20261122-0001", "TB-20261122-0002", "TB-20261122-0003");

        // When the node runs again (nothing of the old one in memory)
        TrackingNumbers after = node(5);

        // Then it goes on after the old block: 0004 and 0005 are a gap, never given
        assertThat(after.next("TB", DAY)).isEqualTo("TB-20261122-0006");
        assertThat(after.next("TB", DAY)).isEqualTo("TB-20261122-0007");
    }

    @Test
    void eachDayAndPrefixCountsFromOne() {
        TrackingNumbers node = node(20);
        assertThat(node.next("TC", DAY)).isEqualTo("TC-20261122-0001");
        assertThat(node.next("TC", DAY.plusDays(1))).isEqualTo("TC-20261123-0001");
        assertThat(node.next("TD", DAY.plusDays(1))).isEqualTo("TD-20261123-0001");
        assertThat(node.next("TC", DAY.plusDays(1))).isEqualTo("TC-20261123-0002");
    }
}

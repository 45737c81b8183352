package org.gridcase.casefile;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Readable tracking numbers, {@code SQ-20261122-0001}: kind prefix, the Shanghai date, a number per prefix and day.
 * The counter row is locked by its update, so concurrent intakes (and cluster nodes) never share a number.
 */
@Component
class TrackingNumbers {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final JdbcTemplate jdbc;

    TrackingNumbers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    String next(CaseKind kind, LocalDate day) {
        String key = kind.prefix() + "-" + DAY.format(day);
        for (int attempt = 0; attempt < 3; attempt++) {
            int updated = jdbc.update("update tracking_sequence set last_value = last_value + 1 where prefix_day = ?",
                    key);
            if (updated == 0) {
                try {
                    jdbc.update("insert into tracking_sequence (prefix_day, last_value) values (?, 1)", key);
                } catch (DuplicateKeyException raced) {
                    continue;
                }
            }
            Long value = jdbc.queryForObject("select last_value from tracking_sequence where prefix_day = ?",
                    Long.class, key);
            return key + "-" + String.format("%04d", value);
        }
        throw new IllegalStateException("Could not allocate a tracking number for " + key);
    }
}

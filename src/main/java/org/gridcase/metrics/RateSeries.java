package org.gridcase.metrics;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;

import org.gridcase.support.InvalidInputException.FieldProblem;

/**
 * The rates of consecutive periods, as {@code GET /api/metrics/rates/series} answers them: each point is the
 * {@link Rates} of the cases received from its {@code from} to its {@code to} (both inclusive, Asia/Shanghai).
 */
public record RateSeries(String period, List<Point> points) {

    public record Point(LocalDate from, LocalDate to, Rates rates) {
    }

    /** The length of one point: a day, a week from Monday to Sunday, a calendar month. */
    enum Period {
        DAY, WEEK, MONTH;

        /** The last day of the period {@code day} lies in. */
        LocalDate lastDay(LocalDate day) {
            return switch (this) {
                case DAY -> day;
                case WEEK -> day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
                case MONTH -> day.with(TemporalAdjusters.lastDayOfMonth());
            };
        }

        static Period parse(String value, List<FieldProblem> errors) {
            if (value == null || value.isBlank()) {
                errors.add(new FieldProblem("period", "必填：统计周期 day（日）、week（周）或 month（月）"));
                return DAY;
            }
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldProblem("period", "统计周期只能是 day（日）、week（周）或 month（月）"));
                return DAY;
            }
        }
    }
}

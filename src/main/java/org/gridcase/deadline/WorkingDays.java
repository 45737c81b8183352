package org.gridcase.deadline;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntConsumer;

import org.gridcase.GridCaseApplication;

/**
 * The working-day rules over one immutable snapshot of the holiday schedule, without Spring or a database:
 * a date listed as {@link DayKind#HOLIDAY} rests, one listed as {@link DayKind#MAKEUP_WORKDAY} works, any other date
 * works Monday to Friday. A year that is not loaded follows the Monday–Friday rule, and {@code missingYear} hears
 * of it every time (the caller decides how often to warn).
 */
final class WorkingDays {

    static final ZoneId ZONE = ZoneId.of(GridCaseApplication.ZONE);

    static final String NO_SCHEDULE = "该年度节假日安排未导入，按周一至周五计算";

    /** A listed date: what it is and the festival it belongs to (春节, 国庆节…). */
    record Entry(DayKind kind, String name) {
    }

    private final Map<LocalDate, Entry> days;
    private final Set<Integer> loadedYears;
    private final IntConsumer missingYear;

    WorkingDays(Map<LocalDate, Entry> days, Set<Integer> loadedYears, IntConsumer missingYear) {
        this.days = Map.copyOf(days);
        this.loadedYears = Set.copyOf(loadedYears);
        this.missingYear = Objects.requireNonNull(missingYear);
    }

    Set<Integer> loadedYears() {
        return loadedYears;
    }

    boolean isYearLoaded(int year) {
        return loadedYears.contains(year);
    }

    boolean isWorkingDay(LocalDate date) {
        Entry entry = days.get(date);
        if (entry != null) {
            return entry.kind() == DayKind.MAKEUP_WORKDAY;
        }
        if (!loadedYears.contains(date.getYear())) {
            missingYear.accept(date.getYear());
        }
        return !isWeekend(date);
    }

    DayDescription describe(LocalDate date) {
        Objects.requireNonNull(date, "date");
        Entry entry = days.get(date);
        boolean loaded = loadedYears.contains(date.getYear());
        if (entry != null) {
            return entry.kind() == DayKind.HOLIDAY
                    ? new DayDescription(date, false, DayReason.HOLIDAY, "法定节假日：" + entry.name(), loaded)
                    : new DayDescription(date, true, DayReason.MAKEUP_WORKDAY, "调休上班：" + entry.name(), loaded);
        }
        boolean weekend = isWeekend(date);
        if (!loaded) {
            missingYear.accept(date.getYear());
            return new DayDescription(date, !weekend,
                    weekend ? DayReason.WEEKEND_NO_SCHEDULE : DayReason.WEEKDAY_NO_SCHEDULE, NO_SCHEDULE, false);
        }
        return weekend ? new DayDescription(date, false, DayReason.WEEKEND, "周末", true)
                : new DayDescription(date, true, DayReason.WEEKDAY, "工作日", true);
    }

    /**
     * The same time of day (in Asia/Shanghai) on the {@code days}-th working day after {@code from}'s date there.
     * {@code from} itself is never counted, even when it is a working day; 0 days returns {@code from} unchanged.
     */
    ZonedDateTime addWorkingDays(ZonedDateTime from, int days) {
        Objects.requireNonNull(from, "from");
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative: " + days);
        }
        if (days == 0) {
            return from;
        }
        ZonedDateTime local = from.withZoneSameInstant(ZONE);
        LocalDate date = local.toLocalDate();
        int left = days;
        while (left > 0) {
            date = date.plusDays(1);
            if (isWorkingDay(date)) {
                left--;
            }
        }
        return ZonedDateTime.of(date, local.toLocalTime(), ZONE);
    }

    /**
     * How many working days lie between two moments: the part of the time from {@code from} to {@code to} that falls
     * on working days (in Asia/Shanghai), in days of 24 hours. Weekends and holidays do not count, make-up working days
     * do. Monday 10:00 to Tuesday 10:00 is 1; Friday 17:00 to Monday 09:00 is 16/24; Saturday to Sunday is 0. Between
     * two moments on working days it is the inverse of {@link #addWorkingDays}. Never negative.
     */
    double workingDaysBetween(ZonedDateTime from, ZonedDateTime to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        ZonedDateTime start = from.withZoneSameInstant(ZONE);
        ZonedDateTime end = to.withZoneSameInstant(ZONE);
        long nanos = 0;
        for (LocalDate date = start.toLocalDate(); !date.isAfter(end.toLocalDate()); date = date.plusDays(1)) {
            if (isWorkingDay(date)) {
                ZonedDateTime dayStart = date.atStartOfDay(ZONE);
                ZonedDateTime dayEnd = date.plusDays(1).atStartOfDay(ZONE);
                ZonedDateTime a = start.isAfter(dayStart) ? start : dayStart;
                ZonedDateTime b = end.isBefore(dayEnd) ? end : dayEnd;
                if (b.isAfter(a)) {
                    nanos += Duration.between(a, b).toNanos();
                }
            }
        }
        return nanos / (double) Duration.ofDays(1).toNanos();
    }

    /** {@code from} plus a time limit; the answer is in Asia/Shanghai. Negative amounts are refused. */
    ZonedDateTime plus(ZonedDateTime from, long amount, LimitUnit unit) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(unit, "unit");
        if (amount < 0) {
            throw new IllegalArgumentException("a time limit must not be negative: " + amount + " " + unit);
        }
        ZonedDateTime start = from.withZoneSameInstant(ZONE);
        return switch (unit) {
            case MINUTES -> start.plusMinutes(amount);
            case HOURS -> start.plusHours(amount);
            case DAYS -> start.plusDays(amount);
            case WORKING_DAYS -> {
                if (amount > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("too many working days: " + amount);
                }
                yield addWorkingDays(start, (int) amount);
            }
        };
    }

    private static boolean isWeekend(LocalDate date) {
        DayOfWeek dow = date.getDayOfWeek();
        return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
    }
}

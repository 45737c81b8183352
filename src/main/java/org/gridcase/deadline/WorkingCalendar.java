package org.gridcase.deadline;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.gridcase.support.InvalidInputException;
import org.gridcase.support.InvalidInputException.FieldProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The working-day calendar of GridCase (工作日历): Chinese working days in Asia/Shanghai after the State Council
 * holiday schedule, with make-up working weekends (调休). Deadlines in working days are computed here.
 * <p>
 * The schedule lives in the tables {@code calendar_day} and {@code calendar_year}, held in memory: the cache is
 * dropped after {@link #replaceYear} commits and re-read every {@code gridcase.calendar.refresh-interval}
 * (default 15 minutes, for changes made by another node). A year without data follows Monday–Friday; that is
 * logged as a WARN once per year and process start, and shown by the {@code workCalendar} health indicator.
 */
@Service
public class WorkingCalendar {

    /** The zone of every business date. */
    public static final ZoneId ZONE = WorkingDays.ZONE;

    private static final Logger log = LoggerFactory.getLogger(WorkingCalendar.class);

    private final CalendarDays days;
    private final CalendarYears years;
    private final Clock clock;
    private final Set<Integer> warnedYears = ConcurrentHashMap.newKeySet();
    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot snapshot;

    private record Snapshot(WorkingDays rules, Map<Integer, YearSummary> years) {
    }

    WorkingCalendar(CalendarDays days, CalendarYears years, Clock clock) {
        this.days = days;
        this.years = years;
        this.clock = clock;
    }

    /** Whether {@code date} is a working day. */
    public boolean isWorkingDay(LocalDate date) {
        return rules().isWorkingDay(date);
    }

    /** Whether {@code date} is a working day, why, in words staff read, and whether its year is loaded. */
    public DayDescription describe(LocalDate date) {
        return rules().describe(date);
    }

    /**
     * The same time of day on the {@code days}-th working day after {@code from}'s date, both taken in
     * Asia/Shanghai; the answer is in Asia/Shanghai. {@code from}'s own date never counts. 0 returns {@code from}.
     *
     * @throws IllegalArgumentException if {@code days} is negative
     */
    public ZonedDateTime addWorkingDays(ZonedDateTime from, int days) {
        return rules().addWorkingDays(from, days);
    }

    /**
     * {@code from} plus a time limit of the SLA table: minutes and hours around the clock, days as calendar dates,
     * working days as {@link #addWorkingDays}. The answer is in Asia/Shanghai.
     *
     * @throws IllegalArgumentException if {@code amount} is negative
     */
    public ZonedDateTime plus(ZonedDateTime from, long amount, LimitUnit unit) {
        return rules().plus(from, amount, unit);
    }

    /**
     * The working days from {@code from} to {@code to}: the part of that time falling on working days (Asia/Shanghai),
     * in days of 24 hours; between two moments on working days the inverse of {@link #addWorkingDays}.
     */
    public double workingDaysBetween(Instant from, Instant to) {
        return rules().workingDaysBetween(from.atZone(ZONE), to.atZone(ZONE));
    }

    /** Whether the holiday schedule of {@code year} is loaded. */
    public boolean isYearLoaded(int year) {
        return rules().isYearLoaded(year);
    }

    /** The years whose holiday schedule is loaded, ascending. */
    public SortedSet<Integer> loadedYears() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(rules().loadedYears()));
    }

    /** The loaded years with their source and counts, ascending. */
    public List<YearSummary> years() {
        return List.copyOf(snapshot().years().values());
    }

    /**
     * Replaces the schedule of {@code year} with {@code schedule} in one transaction; the in-memory calendar follows
     * once it commits.
     *
     * @throws InvalidInputException naming each fault ({@code holidays[2].to}…); nothing is written then
     */
    @Transactional
    public YearSummary replaceYear(int year, YearSchedule schedule) {
        List<FieldProblem> problems = ScheduleCheck.problems(year, schedule);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(year + " 年节假日安排有误", problems);
        }
        days.deleteRange(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
        List<CalendarDay> rows = new ArrayList<>();
        for (YearSchedule.HolidayRange range : schedule.holidays()) {
            for (LocalDate d = range.from(); !d.isAfter(range.to()); d = d.plusDays(1)) {
                rows.add(new CalendarDay(d, DayKind.HOLIDAY, range.name().strip(), blankToNull(range.note())));
            }
        }
        List<YearSchedule.MakeupWorkday> makeups = schedule.makeupWorkdays() == null ? List.of()
                : schedule.makeupWorkdays();
        for (YearSchedule.MakeupWorkday makeup : makeups) {
            rows.add(new CalendarDay(makeup.date(), DayKind.MAKEUP_WORKDAY, makeup.name().strip(),
                    blankToNull(makeup.note())));
        }
        days.saveAll(rows);
        String publishedBy = schedule.publishedBy().strip();
        // whole seconds: MySQL is written without fractional seconds (sendFractionalSeconds=false)
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        CalendarYear row = years.findById(year).orElse(null);
        if (row == null) {
            row = years.save(new CalendarYear(year, publishedBy, now));
        } else {
            row.reload(publishedBy, now);
        }
        int holidays = rows.size() - makeups.size();
        log.info("Holiday schedule of {} replaced: {} days off, {} make-up working days ({})", year, holidays,
                makeups.size(), publishedBy);
        invalidateAfterCommit();
        return new YearSummary(year, publishedBy, row.getLoadedAt(), holidays, makeups.size());
    }

    /** Re-reads the schedule from the database now. */
    public void reload() {
        invalidate();
        snapshot();
    }

    /** Drops the cache so the next call re-reads the tables: picks up a year another node loaded. */
    @Scheduled(fixedDelayString = "${gridcase.calendar.refresh-interval:PT15M}",
            initialDelayString = "${gridcase.calendar.refresh-interval:PT15M}")
    public void refresh() {
        invalidate();
    }

    private void invalidateAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    invalidate();
                }
            });
        } else {
            invalidate();
        }
    }

    private void invalidate() {
        generation.incrementAndGet();
        snapshot = null;
    }

    private WorkingDays rules() {
        return snapshot().rules();
    }

    private Snapshot snapshot() {
        Snapshot current = snapshot;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            current = snapshot;
            if (current != null) {
                return current;
            }
            long seen = generation.get();
            Snapshot loaded = load();
            // a change committed while we read: use what we read once, but read again next time
            if (generation.get() == seen) {
                snapshot = loaded;
            }
            return loaded;
        }
    }

    private Snapshot load() {
        Map<LocalDate, WorkingDays.Entry> entries = new HashMap<>();
        Map<Integer, int[]> counts = new TreeMap<>();
        for (CalendarDay day : days.findAll()) {
            entries.put(day.getDay(), new WorkingDays.Entry(day.getKind(), day.getName()));
            int[] count = counts.computeIfAbsent(day.getDay().getYear(), y -> new int[2]);
            count[day.getKind() == DayKind.HOLIDAY ? 0 : 1]++;
        }
        Map<Integer, YearSummary> summaries = new TreeMap<>();
        for (CalendarYear year : years.findAll()) {
            int[] count = counts.getOrDefault(year.getYear(), new int[2]);
            summaries.put(year.getYear(), new YearSummary(year.getYear(), year.getPublishedBy(), year.getLoadedAt(),
                    count[0], count[1]));
        }
        // rows entered without their year row still count: the data is there
        counts.forEach((year, count) -> summaries.computeIfAbsent(year,
                y -> new YearSummary(y, null, null, count[0], count[1])));
        log.debug("Working-day calendar loaded: years {}", summaries.keySet());
        return new Snapshot(new WorkingDays(entries, summaries.keySet(), this::warnMissingYear), summaries);
    }

    private void warnMissingYear(int year) {
        if (warnedYears.add(year)) {
            log.warn("No holiday schedule loaded for {}: its working days fall back to Monday–Friday. "
                    + "Load the State Council schedule with PUT /api/calendar/years/{}", year, year);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

package org.gridcase.deadline;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.gridcase.support.InvalidInputException;
import org.gridcase.support.InvalidInputException.FieldProblem;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The working-day calendar's REST API. Any authenticated user reads; process owners and administrators load a
 * year's holiday schedule.
 */
@RestController
@RequestMapping("/api/calendar")
class CalendarController {

    static final int MAX_DAYS = 3650;

    private final WorkingCalendar calendar;

    CalendarController(WorkingCalendar calendar) {
        this.calendar = calendar;
    }

    record DueView(String due) {
    }

    record DayView(LocalDate date, boolean workingDay, DayReason reason, String description,
            boolean scheduleLoaded) {
    }

    /**
     * {@code ?from=2026-09-30T10:00:00+08:00&days=1} → {@code {"due":"2026-10-08T10:00:00+08:00"}}: the same time of
     * day on the n-th working day after from's date in Asia/Shanghai. {@code from} needs an offset; a {@code +} sent
     * unencoded (read as a space) is accepted.
     */
    @GetMapping("/add-working-days")
    DueView addWorkingDays(@RequestParam(required = false) String from,
            @RequestParam(required = false) String days) {
        List<FieldProblem> problems = new ArrayList<>();
        ZonedDateTime start = parseInstant(from, problems);
        Integer count = parseDays(days, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException("请求参数有误", problems);
        }
        ZonedDateTime due = calendar.addWorkingDays(start, count).withZoneSameInstant(WorkingCalendar.ZONE);
        return new DueView(due.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }

    @GetMapping("/days/{date}")
    DayView day(@PathVariable String date) {
        LocalDate day;
        try {
            day = LocalDate.parse(date.strip());
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of("date", "日期格式应为 yyyy-MM-dd: " + date);
        }
        DayDescription d = calendar.describe(day);
        return new DayView(d.date(), d.working(), d.reason(), d.description(), d.scheduleLoaded());
    }

    @GetMapping("/years")
    List<YearSummary> years() {
        return calendar.years();
    }

    /**
     * Replaces the holiday schedule of {@code year} (how a process owner loads next year's State Council notice).
     * Body: see {@link YearSchedule}, e.g.
     *
     * <pre>
     * PUT /api/calendar/years/2027
     * {"publishedBy": "国办发明电〔2026〕8号",
     *  "holidays": [{"from": "2027-01-01", "to": "2027-01-03", "name": "元旦"}, ...],
     *  "makeupWorkdays": [{"date": "2027-02-20", "name": "春节"}, ...]}
     * </pre>
     *
     * Every date must lie in {@code year}, {@code from <= to}, no date listed twice, a make-up working day must be a
     * Saturday or Sunday, names are required. Faults answer 400 naming each field ({@code holidays[2].to}); the
     * stored schedule is then unchanged.
     */
    @PutMapping(path = "/years/{year}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyAuthority('camunda-admin', 'process-owners')")
    YearSummary replaceYear(@PathVariable String year, @RequestBody YearSchedule schedule) {
        int number;
        try {
            number = Integer.parseInt(year.strip());
        } catch (NumberFormatException e) {
            throw InvalidInputException.of("year", "年份应为四位数字: " + year);
        }
        return calendar.replaceYear(number, schedule);
    }

    private static ZonedDateTime parseInstant(String from, List<FieldProblem> problems) {
        if (from == null || from.isBlank()) {
            problems.add(new FieldProblem("from", "必填，ISO-8601 时间且带时区偏移，如 2026-09-30T10:00:00+08:00"));
            return null;
        }
        try {
            // an unencoded '+' of the offset arrives as a space
            ZonedDateTime at = ZonedDateTime.parse(from.strip().replace(' ', '+'),
                    DateTimeFormatter.ISO_ZONED_DATE_TIME);
            if (at.getYear() < 1900 || at.getYear() > 9999) {
                // beyond these years the working days cannot be counted (the date arithmetic overflows)
                problems.add(new FieldProblem("from", "年份应在 1900 到 9999 之间: " + from));
                return null;
            }
            return at;
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem("from", "应为 ISO-8601 时间且带时区偏移，如 2026-09-30T10:00:00+08:00: " + from));
            return null;
        }
    }

    private static Integer parseDays(String days, List<FieldProblem> problems) {
        String message = "必填，0 到 " + MAX_DAYS + " 之间的整数";
        if (days == null || days.isBlank()) {
            problems.add(new FieldProblem("days", message));
            return null;
        }
        try {
            int n = Integer.parseInt(days.strip());
            if (n >= 0 && n <= MAX_DAYS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        problems.add(new FieldProblem("days", message + ": " + days));
        return null;
    }
}

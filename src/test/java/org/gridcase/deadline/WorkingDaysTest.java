package org.gridcase.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The working-day rules against known dates of the 2025 and 2026 State Council schedules, without Spring. */
class WorkingDaysTest {

    private final List<Integer> missingYears = new ArrayList<>();
    private final WorkingDays calendar = new WorkingDays(OfficialSchedules.of2025And2026(), Set.of(2025, 2026),
            missingYears::add);

    private static ZonedDateTime at(String isoWithOffset) {
        return ZonedDateTime.parse(isoWithOffset);
    }

    @Test
    void makeupSundayIsAWorkingDay() {
        DayDescription day = calendar.describe(LocalDate.of(2025, 1, 26));

        assertThat(day.working()).isTrue();
        assertThat(day.reason()).isEqualTo(DayReason.MAKEUP_WORKDAY);
        assertThat(day.description()).isEqualTo("调休上班：春节");
        assertThat(day.scheduleLoaded()).isTrue();
    }

    @Test
    void wednesdayInsideTheNationalDayBlockIsOff() {
        DayDescription day = calendar.describe(LocalDate.of(2025, 10, 8));

        assertThat(day.working()).isFalse();
        assertThat(day.reason()).isEqualTo(DayReason.HOLIDAY);
        assertThat(day.description()).isEqualTo("法定节假日：国庆节、中秋节");
    }

    @Test
    void springFestivalMakeupSaturdayWorksAndTheFestivalRests() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 14))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 16))).isFalse();
        assertThat(calendar.describe(LocalDate.of(2026, 2, 16)).description()).isEqualTo("法定节假日：春节");
    }

    @Test
    void ordinaryDaysFollowMondayToFriday() {
        assertThat(calendar.describe(LocalDate.of(2026, 11, 24)))
                .isEqualTo(new DayDescription(LocalDate.of(2026, 11, 24), true, DayReason.WEEKDAY, "工作日", true));
        assertThat(calendar.describe(LocalDate.of(2026, 11, 28)))
                .isEqualTo(new DayDescription(LocalDate.of(2026, 11, 28), false, DayReason.WEEKEND, "周末", true));
        assertThat(missingYears).isEmpty();
    }

    @Test
    void everyDateOfTheLoadedYearsFollowsTheSchedule() {
        // 365 days - 104 weekend days - 13 statutory holidays: the rest of each block is paid back by make-up days
        assertThat(workingDaysIn(2025)).isEqualTo(248);
        assertThat(workingDaysIn(2026)).isEqualTo(248);
    }

    private long workingDaysIn(int year) {
        return LocalDate.of(year, 1, 1).datesUntil(LocalDate.of(year + 1, 1, 1)).filter(calendar::isWorkingDay)
                .count();
    }

    @Test
    void oneWorkingDayAfterTheDayBeforeNationalDayIsTheDayAfterTheBlock() {
        assertThat(calendar.addWorkingDays(at("2026-09-30T10:00+08:00"), 1))
                .isEqualTo(at("2026-10-08T10:00+08:00"));
    }

    @Test
    void oneWorkingDayAfterFridayBeforeSpringFestivalIsTheMakeupSaturday() {
        assertThat(calendar.addWorkingDays(at("2026-02-13T09:30+08:00"), 1))
                .isEqualTo(at("2026-02-14T09:30+08:00"));
    }

    @Test
    void newYearsEveCountsPastTheNewYearBlockToTheMakeupSunday() {
        // Jan 1–3 off, Jan 4 (Sunday) is worked
        assertThat(calendar.addWorkingDays(at("2025-12-31T17:00+08:00"), 1))
                .isEqualTo(at("2026-01-04T17:00+08:00"));
        assertThat(calendar.addWorkingDays(at("2025-12-31T17:00+08:00"), 2))
                .isEqualTo(at("2026-01-05T17:00+08:00"));
    }

    @Test
    void startOnANonWorkingDayCountsFromTheNextWorkingDay() {
        // Given a case opened on the second day of Spring Festival 2026
        // When one working day is added, Then it is due on the first day back (Tuesday Feb 24)
        assertThat(calendar.addWorkingDays(at("2026-02-16T11:00+08:00"), 1))
                .isEqualTo(at("2026-02-24T11:00+08:00"));
    }

    @Test
    void fiveWorkingDaysSpanTheGoldenWeekAndItsMakeupSaturday() {
        // Mon Sep 28: Tue 29 (1), Wed 30 (2), Oct 1–7 off, Thu 8 (3), Fri 9 (4), Sat 10 make-up (5)
        assertThat(calendar.addWorkingDays(at("2026-09-28T15:00+08:00"), 5))
                .isEqualTo(at("2026-10-10T15:00+08:00"));
    }

    @Test
    void utcStartIsTakenAsItsShanghaiDate() {
        // 2026-02-13T16:30Z is Saturday Feb 14, 00:30 in Shanghai: the next working day is after Spring Festival
        ZonedDateTime due = calendar.addWorkingDays(ZonedDateTime.of(2026, 2, 13, 16, 30, 0, 0, ZoneOffset.UTC), 1);

        assertThat(due).isEqualTo(at("2026-02-24T00:30+08:00"));
        assertThat(due.getZone()).isEqualTo(WorkingDays.ZONE);
    }

    @Test
    void zeroDaysReturnsTheStartAndNegativeDaysAreRefused() {
        ZonedDateTime from = ZonedDateTime.of(2026, 10, 1, 8, 0, 0, 0, ZoneOffset.UTC);

        assertThat(calendar.addWorkingDays(from, 0)).isSameAs(from);
        assertThatThrownBy(() -> calendar.addWorkingDays(from, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void yearWithoutScheduleFallsBackToMondayToFridayAndSaysSo() {
        DayDescription newYear2027 = calendar.describe(LocalDate.of(2027, 1, 1));
        DayDescription saturday = calendar.describe(LocalDate.of(2027, 1, 2));

        assertThat(newYear2027.working()).isTrue();
        assertThat(newYear2027.reason()).isEqualTo(DayReason.WEEKDAY_NO_SCHEDULE);
        assertThat(newYear2027.description()).isEqualTo("该年度节假日安排未导入，按周一至周五计算");
        assertThat(newYear2027.scheduleLoaded()).isFalse();
        assertThat(saturday.working()).isFalse();
        assertThat(saturday.reason()).isEqualTo(DayReason.WEEKEND_NO_SCHEDULE);
        assertThat(missingYears).containsOnly(2027);
    }

    @Test
    void countingIntoAYearWithoutScheduleUsesMondayToFriday() {
        // Thu 2026-12-31 + 1 = Fri 2027-01-01 (no schedule for 2027); + 2 skips the weekend
        assertThat(calendar.addWorkingDays(at("2026-12-31T09:00+08:00"), 1))
                .isEqualTo(at("2027-01-01T09:00+08:00"));
        assertThat(calendar.addWorkingDays(at("2026-12-31T09:00+08:00"), 2))
                .isEqualTo(at("2027-01-04T09:00+08:00"));
        assertThat(missingYears).contains(2027);
    }

    @Test
    void plusAddsEachUnitOfTheSlaTable() {
        ZonedDateTime from = at("2026-09-30T23:45+08:00");

        assertThat(calendar.plus(from, 30, LimitUnit.MINUTES)).isEqualTo(at("2026-10-01T00:15+08:00"));
        assertThat(calendar.plus(from, 24, LimitUnit.HOURS)).isEqualTo(at("2026-10-01T23:45+08:00"));
        assertThat(calendar.plus(from, 7, LimitUnit.DAYS)).isEqualTo(at("2026-10-07T23:45+08:00"));
        assertThat(calendar.plus(from, 1, LimitUnit.WORKING_DAYS)).isEqualTo(at("2026-10-08T23:45+08:00"));
        assertThat(calendar.plus(from, 0, LimitUnit.WORKING_DAYS)).isEqualTo(from);
    }

    @Test
    void plusAnswersInShanghaiTimeAndRefusesNegativeLimits() {
        ZonedDateTime utc = ZonedDateTime.of(2026, 9, 30, 15, 45, 0, 0, ZoneOffset.UTC);

        ZonedDateTime due = calendar.plus(utc, 2, LimitUnit.HOURS);

        assertThat(due.getZone()).isEqualTo(WorkingDays.ZONE);
        assertThat(due.toLocalDateTime()).isEqualTo("2026-10-01T01:45");
        assertThatThrownBy(() -> calendar.plus(utc, -1, LimitUnit.MINUTES))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void workingDaysBetweenCountsOnlyTheTimeOnWorkingDays() {
        // 2026-10-01..07 rest: 8 hours of 30 September and 10 hours of 8 October
        assertThat(calendar.workingDaysBetween(at("2026-09-30T16:00+08:00"), at("2026-10-08T10:00+08:00")))
                .isEqualTo(0.75);
        // Friday evening to Monday morning: 7 + 9 hours
        assertThat(calendar.workingDaysBetween(at("2026-11-27T17:00+08:00"), at("2026-11-30T09:00+08:00")))
                .isCloseTo(16 / 24.0, within(1e-9));
        // Friday 09:00 to Saturday 09:00: Friday's 15 hours
        assertThat(calendar.workingDaysBetween(at("2026-11-27T09:00+08:00"), at("2026-11-28T09:00+08:00")))
                .isCloseTo(15 / 24.0, within(1e-9));
        // the make-up Saturday of Spring Festival 2026 (14 February) works, the festival Monday rests
        assertThat(calendar.workingDaysBetween(at("2026-02-14T00:00+08:00"), at("2026-02-17T00:00+08:00")))
                .isEqualTo(1.0);
        // within a day, given in UTC as the database keeps it: 6 hours
        assertThat(calendar.workingDaysBetween(at("2026-11-30T01:00Z"), at("2026-11-30T07:00Z"))).isEqualTo(0.25);
        // a weekend, and the wrong way round: nothing
        assertThat(calendar.workingDaysBetween(at("2026-11-28T08:00+08:00"), at("2026-11-29T20:00+08:00"))).isZero();
        assertThat(calendar.workingDaysBetween(at("2026-11-30T09:00+08:00"), at("2026-11-27T09:00+08:00"))).isZero();
    }

    @Test
    void fromAWorkingDayWorkingDaysBetweenUndoesAddWorkingDays() {
        int starts = 0;
        for (ZonedDateTime from = at("2025-01-01T09:30+08:00"); from.getYear() < 2027; from = from.plusDays(1)) {
            if (!calendar.isWorkingDay(from.toLocalDate())) {
                continue;
            }
            starts++;
            for (int days : new int[] {1, 3, 5, 15}) {
                assertThat(calendar.workingDaysBetween(from, calendar.addWorkingDays(from, days)))
                        .as("%s + %d working days", from, days).isCloseTo(days, within(1e-9));
            }
        }
        assertThat(starts).isGreaterThan(480);
    }
}

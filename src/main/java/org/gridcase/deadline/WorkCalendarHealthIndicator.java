package org.gridcase.deadline;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Month;
import java.util.SortedSet;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health {@code workCalendar}: DOWN while the current year's holiday schedule is missing (deadlines then count
 * Monday–Friday only); from December 1st UP with a warning while next year's is missing.
 */
@Component("workCalendarHealthIndicator")
class WorkCalendarHealthIndicator implements HealthIndicator {

    private final WorkingCalendar calendar;
    private final Clock clock;

    WorkCalendarHealthIndicator(WorkingCalendar calendar, Clock clock) {
        this.calendar = calendar;
        this.clock = clock;
    }

    @Override
    public Health health() {
        LocalDate today = LocalDate.now(clock.withZone(WorkingCalendar.ZONE));
        int year = today.getYear();
        SortedSet<Integer> loaded = calendar.loadedYears();
        Health.Builder health = loaded.contains(year) ? Health.up()
                : Health.down().withDetail("error", year + " 年节假日安排未导入，工作日按周一至周五计算");
        health.withDetail("yearsLoaded", loaded).withDetail("currentYear", year);
        if (loaded.contains(year) && today.getMonth() == Month.DECEMBER && !loaded.contains(year + 1)) {
            health.withDetail("warning", (year + 1) + " 年节假日安排未导入");
        }
        return health.build();
    }
}

package org.gridcase.deadline;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The 2025 and 2026 State Council schedules written out from DOMAIN.md as ranges, independently of the migration
 * that seeds them, so tests can check the seed against the source.
 */
final class OfficialSchedules {

    private OfficialSchedules() {
    }

    static Map<LocalDate, WorkingDays.Entry> of2025And2026() {
        Map<LocalDate, WorkingDays.Entry> days = new HashMap<>();
        off(days, "2025-01-01", "2025-01-01", "元旦");
        off(days, "2025-01-28", "2025-02-04", "春节");
        off(days, "2025-04-04", "2025-04-06", "清明节");
        off(days, "2025-05-01", "2025-05-05", "劳动节");
        off(days, "2025-05-31", "2025-06-02", "端午节");
        off(days, "2025-10-01", "2025-10-08", "国庆节、中秋节");
        work(days, "2025-01-26", "春节");
        work(days, "2025-02-08", "春节");
        work(days, "2025-04-27", "劳动节");
        work(days, "2025-09-28", "国庆节、中秋节");
        work(days, "2025-10-11", "国庆节、中秋节");

        off(days, "2026-01-01", "2026-01-03", "元旦");
        off(days, "2026-02-15", "2026-02-23", "春节");
        off(days, "2026-04-04", "2026-04-06", "清明节");
        off(days, "2026-05-01", "2026-05-05", "劳动节");
        off(days, "2026-06-19", "2026-06-21", "端午节");
        off(days, "2026-09-25", "2026-09-27", "中秋节");
        off(days, "2026-10-01", "2026-10-07", "国庆节");
        work(days, "2026-01-04", "元旦");
        work(days, "2026-02-14", "春节");
        work(days, "2026-02-28", "春节");
        work(days, "2026-05-09", "劳动节");
        work(days, "2026-09-20", "国庆节");
        work(days, "2026-10-10", "国庆节");
        return days;
    }

    private static void off(Map<LocalDate, WorkingDays.Entry> days, String from, String to, String name) {
        for (LocalDate d = LocalDate.parse(from); !d.isAfter(LocalDate.parse(to)); d = d.plusDays(1)) {
            days.put(d, new WorkingDays.Entry(DayKind.HOLIDAY, name));
        }
    }

    private static void work(Map<LocalDate, WorkingDays.Entry> days, String date, String name) {
        days.put(LocalDate.parse(date), new WorkingDays.Entry(DayKind.MAKEUP_WORKDAY, name));
    }
}

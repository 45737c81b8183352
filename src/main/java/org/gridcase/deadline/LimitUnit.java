package org.gridcase.deadline;

/**
 * The unit of a time limit (时限), as the SLA table states it: "30 MINUTES", "24 HOURS", "5 WORKING_DAYS".
 * {@link WorkingCalendar#plus} turns a start and a limit into a due date.
 */
public enum LimitUnit {
    /** Elapsed minutes, around the clock. */
    MINUTES("分钟"),
    /** Elapsed hours, around the clock. */
    HOURS("小时"),
    /** Calendar days in Asia/Shanghai: same time of day, n dates later, holidays included. */
    DAYS("天"),
    /** Working days (工作日): same time of day on the n-th working day after the start's date. */
    WORKING_DAYS("个工作日");

    private final String label;

    LimitUnit(String label) {
        this.label = label;
    }

    /** How staff read it after the amount: "5 个工作日", "2 小时". */
    public String label() {
        return label;
    }
}

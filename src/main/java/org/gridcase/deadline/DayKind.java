package org.gridcase.deadline;

/** What a row of {@code calendar_day} says about its date. */
enum DayKind {
    /** 放假: a day off, including the weekend days inside a holiday block. */
    HOLIDAY,
    /** 调休上班: a Saturday or Sunday that is worked. */
    MAKEUP_WORKDAY
}

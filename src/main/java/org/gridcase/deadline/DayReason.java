package org.gridcase.deadline;

/** Why a date is or is not a working day. */
public enum DayReason {
    /** Monday to Friday, no holiday: works. */
    WEEKDAY,
    /** Saturday or Sunday, no make-up working day: rest. */
    WEEKEND,
    /** 放假: a day off of the State Council schedule. */
    HOLIDAY,
    /** 调休上班: a weekend day that is worked. */
    MAKEUP_WORKDAY,
    /** Monday to Friday of a year whose schedule is not loaded: counted as working (fallback). */
    WEEKDAY_NO_SCHEDULE,
    /** Saturday or Sunday of a year whose schedule is not loaded: counted as rest (fallback). */
    WEEKEND_NO_SCHEDULE
}

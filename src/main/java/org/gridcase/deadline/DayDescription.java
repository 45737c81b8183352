package org.gridcase.deadline;

import java.time.LocalDate;

/**
 * One date of the working-day calendar.
 *
 * @param date           the date (a business date in Asia/Shanghai)
 * @param working        whether it is a working day
 * @param reason         why
 * @param description    the reason as staff read it: 工作日, 周末, 法定节假日：春节, 调休上班：春节, or
 *                       该年度节假日安排未导入，按周一至周五计算
 * @param scheduleLoaded whether the holiday schedule of the date's year is loaded; false means the answer is the
 *                       Monday–Friday fallback
 */
public record DayDescription(LocalDate date, boolean working, DayReason reason, String description,
        boolean scheduleLoaded) {
}

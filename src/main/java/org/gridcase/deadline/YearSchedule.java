package org.gridcase.deadline;

import java.time.LocalDate;
import java.util.List;

/**
 * One year's holiday schedule as the State Council publishes it, the body of
 * {@code PUT /api/calendar/years/{year}}:
 *
 * <pre>
 * {
 *   "publishedBy": "国办发明电〔2026〕8号",
 *   "holidays": [
 *     {"from": "2027-01-01", "to": "2027-01-03", "name": "元旦"},
 *     {"from": "2027-02-06", "to": "2027-02-14", "name": "春节", "note": "optional remark"}
 *   ],
 *   "makeupWorkdays": [
 *     {"date": "2027-02-20", "name": "春节"}
 *   ]
 * }
 * </pre>
 *
 * {@code holidays}: every day off (放假) as a range, both ends included, weekends inside the block included.
 * {@code makeupWorkdays}: every Saturday or Sunday that is worked (调休上班), with the festival it belongs to.
 *
 * @param publishedBy    the notice: its document number or title and date (required)
 * @param holidays       days off, at least one range
 * @param makeupWorkdays make-up working days; may be empty
 */
public record YearSchedule(String publishedBy, List<HolidayRange> holidays, List<MakeupWorkday> makeupWorkdays) {

    /** Days off from {@code from} to {@code to}, both included. */
    public record HolidayRange(LocalDate from, LocalDate to, String name, String note) {
    }

    /** A weekend day that is worked. */
    public record MakeupWorkday(LocalDate date, String name, String note) {
    }
}

package org.gridcase.deadline;

import java.time.Instant;

/**
 * A loaded year of the holiday schedule.
 *
 * @param year           the year
 * @param publishedBy    the notice it comes from; null when rows were entered without one
 * @param loadedAt       when it was loaded; null when rows were entered without one
 * @param holidays       number of days off listed
 * @param makeupWorkdays number of make-up working days listed
 */
public record YearSummary(int year, String publishedBy, Instant loadedAt, int holidays, int makeupWorkdays) {
}

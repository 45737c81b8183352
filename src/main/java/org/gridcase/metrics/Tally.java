package org.gridcase.metrics;

import org.gridcase.casefile.CaseStatus;

/**
 * How many cases of a period share the facts the rates read from the case record: status, the last survey's
 * satisfaction and "is it solved" answer, whether the first response and the closing were on time, whether it was
 * reopened.
 */
record Tally(CaseStatus status, String satisfaction, String surveyResolved, Boolean respondedOnTime,
        Boolean closedOnTime, boolean reopened, long count) {
}

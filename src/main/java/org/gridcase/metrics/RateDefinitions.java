package org.gridcase.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.gridcase.casefile.CaseStatus;

/**
 * Every rate (三率 and the figures beside them), defined once. The population is the cases <em>received</em> in the
 * period, by the date they were registered (Asia/Shanghai): a case received in one month and closed in the next counts
 * in the month it was received. Each figure below is a count over that population; each rate a fraction 0–1, null
 * when its denominator is 0. Nothing here knows a case kind: every kind is counted the same way.
 * <ul>
 * <li><b>received</b> (受理): registered in the period, except the final statuses in
 * {@code gridcase.metrics.not-received} (by default a merged duplicate, a rejected and a withdrawn case).</li>
 * <li><b>responded</b>: received and first acted on (verified, dispatched, handled or answered) within the response
 * limit in force then. <b>responseRate</b> (响应率) = responded / received.</li>
 * <li><b>resolved</b>: received, finished as resolved by its handler (status CLOSED, or ANSWERED on the spot — not
 * UNRESOLVABLE), and not contradicted by the last survey: its "is it solved" answer is not "not solved", and "partly
 * solved" counts only with {@code gridcase.metrics.partly-solved-resolves}; no answer (not reached, no survey for the
 * kind) does not contradict. <b>resolutionRate</b> (解决率) = resolved / received.</li>
 * <li><b>closed</b> (办结): received and finished by handling: CLOSED, UNRESOLVABLE (结案 after a leader's sign-off)
 * or ANSWERED. <b>closureRate</b> (办结率) = closed / received.</li>
 * <li><b>onTime</b>: closed, and closed by the handling deadline in force when it closed (a reopen or a leader's new
 * limit sets a new one). <b>onTimeRate</b> (按时办结率) = onTime / closed.</li>
 * <li><b>reached</b>: received cases whose last survey reached the reporter (satisfied, basically satisfied or not
 * satisfied). <b>notReached</b> (未联系上): those whose last survey did not; they are not in the denominator.</li>
 * <li><b>satisfied</b> = satisfied × {@code satisfied-weight} + basically satisfied ×
 * {@code basically-satisfied-weight} (both 1 by default). <b>satisfactionRate</b> (满意率) = satisfied / reached.
 * A reopened case counts by its last survey only: reopened then satisfied is satisfied.</li>
 * <li><b>reopened</b>: received cases sent back for another round at least once.</li>
 * <li><b>overdueNow</b> (红灯): received cases still open now, past their handling deadline.</li>
 * <li><b>handlingDaysAverage</b> and <b>handlingDaysP90</b>: over the closed cases, the working days from
 * registration to the finish ({@code WorkingCalendar#workingDaysBetween}: whole working days between the two dates
 * plus the difference of the times of day over 24 hours; holidays and weekends do not count, make-up working days
 * do). A reopened case counts from its registration to its last finish. The average is the mean; the 90th percentile
 * the nearest rank: the least time within which at least 90 % of the closed cases were finished. Both in working
 * days with two decimals, null when nothing was closed.</li>
 * </ul>
 */
final class RateDefinitions {

    static final Set<CaseStatus> CLOSED = EnumSet.of(CaseStatus.CLOSED, CaseStatus.UNRESOLVABLE, CaseStatus.ANSWERED);
    static final Set<CaseStatus> RESOLVED_BY_HANDLER = EnumSet.of(CaseStatus.CLOSED, CaseStatus.ANSWERED);
    static final Set<String> REACHED = Set.of("SATISFIED", "BASICALLY_SATISFIED", "UNSATISFIED");
    static final String NOT_REACHED = "NOT_REACHED";

    private final MetricsProperties properties;

    RateDefinitions(MetricsProperties properties) {
        this.properties = properties;
    }

    /** The statuses of the cases that overdueNow counts: open and received. */
    Set<CaseStatus> open() {
        Set<CaseStatus> open = EnumSet.noneOf(CaseStatus.class);
        for (CaseStatus s : CaseStatus.values()) {
            if (!s.finished() && !properties.notReceived().contains(s)) {
                open.add(s);
            }
        }
        return open;
    }

    /** The figures of a period from its tallies, its count of overdue open cases and its handling times. */
    Rates rates(List<Tally> tallies, long overdueNow, List<HandlingDays> handling) {
        long received = 0, responded = 0, resolved = 0, closed = 0, onTime = 0, reached = 0, notReached = 0;
        long reopened = 0;
        double satisfied = 0;
        for (Tally t : tallies) {
            if (properties.notReceived().contains(t.status())) {
                continue;
            }
            long n = t.count();
            received += n;
            if (Boolean.TRUE.equals(t.respondedOnTime())) {
                responded += n;
            }
            if (RESOLVED_BY_HANDLER.contains(t.status()) && !contradicted(t.surveyResolved())) {
                resolved += n;
            }
            if (CLOSED.contains(t.status())) {
                closed += n;
                if (Boolean.TRUE.equals(t.closedOnTime())) {
                    onTime += n;
                }
            }
            if (t.satisfaction() != null && REACHED.contains(t.satisfaction())) {
                reached += n;
                satisfied += n * weight(t.satisfaction());
            } else if (NOT_REACHED.equals(t.satisfaction())) {
                notReached += n;
            }
            if (t.reopened()) {
                reopened += n;
            }
        }
        return new Rates(received, responded, rate(responded, received), resolved, rate(resolved, received), closed,
                rate(closed, received), onTime, rate(onTime, closed), reached, number(satisfied),
                rate(satisfied, reached), notReached, reopened, overdueNow, average(handling), p90(handling));
    }

    private static Double average(List<HandlingDays> handling) {
        long n = handling.stream().mapToLong(HandlingDays::count).sum();
        if (n == 0) {
            return null;
        }
        BigDecimal total = handling.stream().map(h -> h.workingDays().multiply(BigDecimal.valueOf(h.count())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return total.divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP).doubleValue();
    }

    /** The nearest rank: the ⌈0.9 n⌉-th shortest handling time. */
    private static Double p90(List<HandlingDays> handling) {
        long n = handling.stream().mapToLong(HandlingDays::count).sum();
        if (n == 0) {
            return null;
        }
        long rank = (long) Math.ceil(0.9 * n);
        long seen = 0;
        for (HandlingDays h : handling.stream().sorted(Comparator.comparing(HandlingDays::workingDays)).toList()) {
            seen += h.count();
            if (seen >= rank) {
                return h.workingDays().setScale(2, RoundingMode.HALF_UP).doubleValue();
            }
        }
        throw new IllegalStateException("unreachable: rank " + rank + " of " + n);
    }

    private boolean contradicted(String surveyResolved) {
        if (surveyResolved == null || "YES".equals(surveyResolved)) {
            return false;
        }
        return !("PARTLY".equals(surveyResolved) && properties.partlySolvedResolves());
    }

    private double weight(String satisfaction) {
        return switch (satisfaction) {
            case "SATISFIED" -> properties.satisfiedWeight();
            case "BASICALLY_SATISFIED" -> properties.basicallySatisfiedWeight();
            default -> 0;
        };
    }

    static Double rate(double numerator, long denominator) {
        return denominator == 0 ? null : numerator / denominator;
    }

    /** A whole count as a whole number (the usual weights), a weighted one as it is. */
    static Number number(double value) {
        return value == Math.rint(value) && Math.abs(value) < Long.MAX_VALUE ? (Number) (long) value : value;
    }
}

package org.gridcase.deadline;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.springframework.stereotype.Service;

/**
 * Deadlines of a case from {@code processes/case-sla.dmn} (kind, category, urgency → limits and units) and the
 * working-day calendar. Process owners change limits in the table, never here.
 */
@Service
public class SlaPolicy {

    public static final String DECISION = "case-sla";
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final DecisionService decisions;
    private final WorkingCalendar calendar;

    SlaPolicy(DecisionService decisions, WorkingCalendar calendar) {
        this.decisions = decisions;
        this.calendar = calendar;
    }

    /** When a case must be answered and resolved, when its light turns yellow, how often it escalates. */
    public record Schedule(String timeClass, Instant responseDueAt, Instant handlingDueAt, Instant yellowAt,
            int escalationStepHours, Integer surveyLinkHours, Integer phoneCallbackHours) {
    }

    public Schedule schedule(String kind, String category, String urgency, Instant from) {
        DmnDecisionRuleResult row = decisions.evaluateDecisionTableByKey(DECISION, Variables.createVariables()
                .putValue("kind", kind).putValue("category", category).putValue("urgency", urgency))
                .getSingleResult();
        if (row == null) {
            throw new IllegalStateException("case-sla.dmn has no rule for " + kind + "/" + category + "/" + urgency);
        }
        ZonedDateTime start = from.atZone(ZONE);
        Instant response = calendar.plus(start, number(row, "respondAmount"), unit(row, "respondUnit")).toInstant();
        Instant handling = calendar.plus(start, number(row, "resolveAmount"), unit(row, "resolveUnit")).toInstant();
        LimitUnit resolveUnit = unit(row, "resolveUnit");
        return new Schedule(String.valueOf(row.get("timeClass")), response, handling,
                yellowPoint(start, handling, resolveUnit, number(row, "resolveAmount"),
                        (int) number(row, "yellowPercent")),
                (int) number(row, "escalationStepHours"), (int) number(row, "surveyLinkHours"),
                (int) number(row, "phoneCallbackHours"));
    }

    /** A new handling limit set by a leader: the given working days from now, yellow at 75%. */
    public Schedule newLimit(Instant from, int workingDays, int escalationStepHours) {
        Instant handling = calendar.plus(from.atZone(ZONE), workingDays, LimitUnit.WORKING_DAYS).toInstant();
        return new Schedule("SIGNOFF", null, handling,
                yellowPoint(from.atZone(ZONE), handling, LimitUnit.WORKING_DAYS, workingDays, 75),
                escalationStepHours, null, null);
    }

    /** A moment some working days from now (sign-off limits, phone callback limits). */
    public Instant workingDaysFrom(Instant from, int days) {
        return calendar.plus(from.atZone(ZONE), days, LimitUnit.WORKING_DAYS).toInstant();
    }

    /**
     * Where the light turns yellow: for a limit in working days, after that share of the working days (5 working
     * days at 75 % → after 3), so the reminder never falls on a holiday or at night; otherwise at that share of the
     * time. Limits too short for a whole working day use the share of the time.
     */
    Instant yellowPoint(ZonedDateTime from, Instant due, LimitUnit unit, long amount, int percent) {
        long yellowDays = amount * percent / 100;
        if (unit == LimitUnit.WORKING_DAYS && yellowDays >= 1) {
            return calendar.addWorkingDays(from, (int) yellowDays).toInstant();
        }
        long span = Duration.between(from.toInstant(), due).toSeconds();
        return from.toInstant().plusSeconds(span * percent / 100);
    }

    private static long number(DmnDecisionRuleResult row, String name) {
        Object value = row.get(name);
        if (value instanceof TypedValue typed) {
            value = typed.getValue();
        }
        if (!(value instanceof Number n)) {
            throw new IllegalStateException("case-sla.dmn output " + name + " is not a number: " + value);
        }
        return n.longValue();
    }

    private static LimitUnit unit(DmnDecisionRuleResult row, String name) {
        return LimitUnit.valueOf(String.valueOf(row.get(name)));
    }

}

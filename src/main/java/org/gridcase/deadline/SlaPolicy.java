package org.gridcase.deadline;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Service;

/**
 * Every limit of a case from {@code processes/case-sla.dmn} (kind, category, urgency → limits) and the working-day
 * calendar: response, handling and its yellow point, the ladder's step and top, re-dispatch, sign-off, supervision,
 * survey link, phone callback, the reopen limit. Process owners change limits in the table, never here.
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

    /** The limits of one row, as the table states them. */
    public record Limits(String timeClass, Limit response, Limit handling, int yellowPercent, Limit escalationStep,
            int ladderTop, Limit redispatch, Limit signoff, Limit supervision, Limit surveyLink, Limit phoneCallback,
            int maxReopens) {

        public Limits withHandling(Limit handling) {
            return new Limits(timeClass, response, handling, yellowPercent, escalationStep, ladderTop, redispatch,
                    signoff, supervision, surveyLink, phoneCallback, maxReopens);
        }
    }

    /** When a case must be answered and resolved and when its light turns yellow, with the row it came from. */
    public record Schedule(Limits limits, Instant responseDueAt, Instant handlingDueAt, Instant yellowAt) {
    }

    public Limits limits(String kind, String category, String urgency) {
        DmnDecisionRuleResult row = decisions.evaluateDecisionTableByKey(DECISION, Variables.createVariables()
                .putValue("kind", kind).putValue("category", category).putValue("urgency", urgency))
                .getSingleResult();
        if (row == null) {
            throw new IllegalStateException("case-sla.dmn has no rule for " + kind + "/" + category + "/" + urgency);
        }
        return new Limits(String.valueOf(value(row, "timeClass")), limit(row, "response"), limit(row, "handling"),
                (int) number(row, "yellowPercent"), limit(row, "escalationStep"), (int) number(row, "ladderTop"),
                limit(row, "redispatch"), limit(row, "signoff"), limit(row, "supervision"), limit(row, "surveyLink"),
                limit(row, "phoneCallback"), (int) number(row, "maxReopens"));
    }

    /** The limits counted from {@code from}. */
    public Schedule schedule(Limits limits, Instant from) {
        ZonedDateTime start = from.atZone(ZONE);
        Instant handling = after(from, limits.handling());
        return new Schedule(limits, after(from, limits.response()), handling,
                yellowPoint(start, handling, limits.handling(), limits.yellowPercent()));
    }

    /** A moment a limit after {@code from}. */
    public Instant after(Instant from, Limit limit) {
        return calendar.plus(from.atZone(ZONE), limit.amount(), limit.unit()).toInstant();
    }

    /**
     * Where the light turns yellow: for a limit in working days, after that share of the working days (5 working
     * days at 75 % → after 3), so the reminder never falls on a holiday or at night; otherwise at that share of the
     * time. Limits too short for a whole working day use the share of the time.
     */
    Instant yellowPoint(ZonedDateTime from, Instant due, Limit limit, int percent) {
        long yellowDays = limit.amount() * percent / 100;
        if (limit.unit() == LimitUnit.WORKING_DAYS && yellowDays >= 1) {
            return calendar.addWorkingDays(from, (int) yellowDays).toInstant();
        }
        long span = Duration.between(from.toInstant(), due).toSeconds();
        return from.toInstant().plusSeconds(span * percent / 100);
    }

    private static Object value(DmnDecisionRuleResult row, String name) {
        Object value = row.get(name);
        return value instanceof TypedValue typed ? typed.getValue() : value;
    }

    private static long number(DmnDecisionRuleResult row, String name) {
        if (!(value(row, name) instanceof Number n)) {
            throw new IllegalStateException("case-sla.dmn output " + name + " is not a number: " + value(row, name));
        }
        return n.longValue();
    }

    private static Limit limit(DmnDecisionRuleResult row, String name) {
        try {
            return Limit.parse((String) value(row, name));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("case-sla.dmn output " + name + ": " + e.getMessage(), e);
        }
    }
}

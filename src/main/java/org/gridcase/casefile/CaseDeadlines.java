package org.gridcase.casefile;

import static org.gridcase.casefile.CaseVariables.*;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.gridcase.deadline.Limit;
import org.gridcase.deadline.SlaPolicy;
import org.springframework.stereotype.Service;

/**
 * A case's limits from {@code case-sla.dmn}, counted from now, put on the case row and returned as the variables
 * the model reads (task due and follow-up dates, the yellow and red timers, the ladder's step and top, the limits of
 * re-dispatch, sign-off, supervision and survey, the reopen limit). The case's kind, category and urgency select the
 * row. Shared by every case kind.
 */
@Service
public class CaseDeadlines {

    private final Cases cases;
    private final SlaPolicy sla;

    CaseDeadlines(Cases cases, SlaPolicy sla) {
        this.cases = cases;
        this.sla = sla;
    }

    /**
     * The table's limits from now; {@code handlingLimit} (a kind's own limit, e.g. from risk grading) replaces the
     * table's handling limit when given.
     */
    public Map<String, Object> schedule(String trackingNumber, String handlingLimit) {
        SlaPolicy.Limits limits = limits(trackingNumber);
        if (handlingLimit != null) {
            limits = limits.withHandling(Limit.parse(handlingLimit));
        }
        return apply(trackingNumber, sla.schedule(limits, Cases.now()));
    }

    /** A handling limit a leader set at sign-off: working days from now; the rest of the table's row stays. */
    public Map<String, Object> newLimit(String trackingNumber, int workingDays) {
        return apply(trackingNumber,
                sla.schedule(limits(trackingNumber).withHandling(Limit.workingDays(workingDays)), Cases.now()));
    }

    /** A moment a limit string after now: due dates of tasks whose limit starts when they do. */
    public Date after(String limit) {
        return Date.from(sla.after(Cases.now(), Limit.parse(limit)));
    }

    private SlaPolicy.Limits limits(String trackingNumber) {
        CaseFile file = cases.find(trackingNumber).orElseThrow();
        return sla.limits(file.getKind().name(), file.getCategory(), file.getUrgency().name());
    }

    private Map<String, Object> apply(String trackingNumber, SlaPolicy.Schedule schedule) {
        SlaPolicy.Limits limits = schedule.limits();
        Instant response = schedule.responseDueAt();
        cases.deadlines(trackingNumber, response, schedule.handlingDueAt(), schedule.yellowAt());
        Map<String, Object> variables = new HashMap<>();
        variables.put(RESPONSE_DUE_AT, Date.from(response));
        variables.put(HANDLING_DUE_AT, Date.from(schedule.handlingDueAt()));
        variables.put(YELLOW_AT, Date.from(schedule.yellowAt()));
        variables.put(HANDLING_DUE_TEXT, CaseAlerts.time(schedule.handlingDueAt()));
        variables.put(ESCALATION_STEP, limits.escalationStep().toString());
        variables.put(LADDER_TOP, limits.ladderTop());
        variables.put(MAX_REOPENS, limits.maxReopens());
        variables.put(REDISPATCH_LIMIT, limits.redispatch().toString());
        variables.put(SIGNOFF_LIMIT, limits.signoff().toString());
        variables.put(SUPERVISION_LIMIT, limits.supervision().toString());
        variables.put(SURVEY_LINK_LIMIT, limits.surveyLink().toString());
        variables.put(PHONE_CALLBACK_LIMIT, limits.phoneCallback().toString());
        return variables;
    }
}

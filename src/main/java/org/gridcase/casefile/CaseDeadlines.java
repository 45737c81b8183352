package org.gridcase.casefile;

import static org.gridcase.casefile.CaseVariables.*;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.gridcase.deadline.SlaPolicy;
import org.springframework.stereotype.Service;

/**
 * Puts a case's deadlines where the model reads them (task due and follow-up dates, the yellow and red timers)
 * and on the case row. Shared by every case kind: the {@code kind}, {@code category} and {@code urgency}
 * variables select the row of {@code case-sla.dmn}.
 */
@Service
public class CaseDeadlines {

    private final Cases cases;
    private final SlaPolicy sla;

    CaseDeadlines(Cases cases, SlaPolicy sla) {
        this.cases = cases;
        this.sla = sla;
    }

    /** Limits from the SLA table, counted from now. */
    public void schedule(DelegateExecution execution) {
        apply(execution, sla.schedule((String) execution.getVariable(KIND), (String) execution.getVariable(CATEGORY),
                (String) execution.getVariable(URGENCY), Cases.now()));
    }

    /** A handling limit a leader set: working days from now. */
    public void newLimit(DelegateExecution execution, int workingDays) {
        Number step = (Number) execution.getVariable(ESCALATION_STEP_HOURS);
        apply(execution, sla.newLimit(Cases.now(), workingDays, step == null ? 24 : step.intValue()));
    }

    public void apply(DelegateExecution execution, SlaPolicy.Schedule schedule) {
        String tn = (String) execution.getVariable(TRACKING_NUMBER);
        if (schedule.responseDueAt() != null) {
            execution.setVariable(RESPONSE_DUE_AT, Date.from(schedule.responseDueAt()));
        }
        execution.setVariable(HANDLING_DUE_AT, Date.from(schedule.handlingDueAt()));
        execution.setVariable(YELLOW_AT, Date.from(schedule.yellowAt()));
        execution.setVariable(HANDLING_DUE_TEXT, CaseAlerts.time(schedule.handlingDueAt()));
        execution.setVariable(ESCALATION_STEP_HOURS, schedule.escalationStepHours());
        if (schedule.surveyLinkHours() != null) {
            execution.setVariable(SURVEY_LINK_HOURS, schedule.surveyLinkHours());
            execution.setVariable(PHONE_CALLBACK_HOURS, schedule.phoneCallbackHours());
        }
        cases.deadlines(tn, schedule.responseDueAt(), schedule.handlingDueAt(), schedule.yellowAt());
    }
}

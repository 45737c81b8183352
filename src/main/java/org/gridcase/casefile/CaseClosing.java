package org.gridcase.casefile;

import static org.gridcase.casefile.CaseVariables.*;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Service;

/** How a case ends, for every kind: the final status, the note the timeline keeps, the reporter told. */
@Service
public class CaseClosing {

    private final Cases cases;
    private final CaseAlerts alerts;

    CaseClosing(Cases cases, CaseAlerts alerts) {
        this.cases = cases;
        this.alerts = alerts;
    }

    /** Ends the case with the status named by the task's {@code outcome} input parameter. */
    public void finish(DelegateExecution execution) {
        String tn = (String) execution.getVariable(TRACKING_NUMBER);
        CaseStatus status = CaseStatus.valueOf((String) execution.getVariableLocal(OUTCOME));
        switch (status) {
            case CLOSED -> {
                cases.status(tn, status, null, CaseEventType.CLOSED, "回访结果：" + satisfactionLabel(
                        execution.getVariable(SATISFACTION)));
                alerts.toReporter("CASE_CLOSED", cases.find(tn).orElseThrow(), "closed", Map.of());
            }
            case REJECTED -> cases.status(tn, status, null, CaseEventType.REJECTED,
                    (String) execution.getVariable("verifyNote"));
            case WITHDRAWN -> cases.status(tn, status, (String) execution.getVariable(WITHDRAWN_BY),
                    CaseEventType.WITHDRAWN, (String) execution.getVariable(WITHDRAW_REASON));
            case UNRESOLVABLE -> {
                String note = String.valueOf(execution.getVariable(SIGNOFF_NOTE)).strip();
                cases.status(tn, status, null, CaseEventType.CLOSED, "领导签批：无法解决。" + note, note);
            }
            case ANSWERED -> cases.status(tn, status, null, CaseEventType.ANSWERED, "热线当场答复");
            default -> throw new IllegalStateException("No closing for status " + status);
        }
    }

    /** Merges the case into the one named by {@code duplicateOf}. */
    public void merge(DelegateExecution execution) {
        String tn = (String) execution.getVariable(TRACKING_NUMBER);
        Object note = execution.getVariable(SIGNOFF_NOTE) != null ? execution.getVariable(SIGNOFF_NOTE)
                : execution.getVariable("verifyNote");
        cases.merge(tn, (String) execution.getVariable(DUPLICATE_OF), null, note == null ? null : note.toString());
    }

    public static String satisfactionLabel(Object value) {
        if (value == null) {
            return "未评价";
        }
        return switch (value.toString()) {
            case "SATISFIED" -> "满意";
            case "BASICALLY_SATISFIED" -> "基本满意";
            case "UNSATISFIED" -> "不满意";
            case "NOT_REACHED" -> "未联系上";
            default -> value.toString();
        };
    }
}

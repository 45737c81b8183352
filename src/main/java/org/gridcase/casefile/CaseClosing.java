package org.gridcase.casefile;

import java.util.Map;

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

    /**
     * Ends the case with {@code status}. {@code note} is what the model says of the ending (the verification note of
     * a rejection, the measures of a closed hazard, the leader's reason); a closed case without one records the
     * survey's result.
     */
    public void finish(String trackingNumber, CaseStatus status, String actor, String note, String satisfaction) {
        if (!status.finished()) {
            throw new IllegalArgumentException("Not a final status: " + status);
        }
        String text = note == null ? null : note.strip();
        switch (status) {
            case CLOSED -> {
                cases.status(trackingNumber, status, actor, CaseEventType.CLOSED,
                        text != null ? text : "回访结果：" + satisfactionLabel(satisfaction));
                alerts.toReporter("CASE_CLOSED", cases.find(trackingNumber).orElseThrow(), "closed", Map.of());
            }
            case UNRESOLVABLE -> cases.status(trackingNumber, status, actor, CaseEventType.CLOSED,
                    "领导签批：无法解决。" + text, text);
            case REJECTED -> cases.status(trackingNumber, status, actor, CaseEventType.REJECTED, text);
            case WITHDRAWN -> cases.status(trackingNumber, status, actor, CaseEventType.WITHDRAWN, text);
            case ANSWERED -> cases.status(trackingNumber, status, actor, CaseEventType.ANSWERED, text);
            case MERGED -> throw new IllegalArgumentException("A merge names the case it goes into: use merge");
            default -> throw new IllegalStateException("No closing for status " + status);
        }
    }

    /** Merges the case into {@code into}. */
    public void merge(String trackingNumber, String into, String note) {
        cases.merge(trackingNumber, into, null, note);
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

package org.gridcase.casefile;

import java.util.Map;

/**
 * What a case kind brings to the shared spine: its process, its tracking-number prefix and the words staff and
 * residents read where shared mechanisms speak of the case (mails, the survey page, the reminder of the handling
 * task). One Spring bean per kind, in the kind's package; shared code asks {@link CaseKinds} and carries no kind's
 * words itself.
 */
public interface CaseKindDefinition {

    CaseKind kind();

    /** Process definition key the case starts, with the tracking number as business key. */
    String processId();

    /** Starts the tracking numbers: {@code SQ-20261201-0001}. */
    String prefix();

    /** What the case is called: 诉求, 风险隐患. */
    String noun();

    /** The name of the kind's handling task, for reminders and escalation mails: 办理诉求, 处置隐患. */
    String handlingTaskName();

    /** The group that makes phone callbacks when the survey link is not answered; null: no callback survey. */
    String callbackGroup();

    /**
     * The kind's own facts about one case (a hazard's type, level and measures…), shown under {@code details} when
     * the case is read on its own ({@code GET /api/cases/{trackingNumber}}, in its read-only transaction); null: the
     * kind has none beyond the case record.
     */
    default Map<String, Object> details(CaseFile file) {
        return null;
    }

    /** How the survey page addresses the reporter about the case: 您反映的诉求. */
    default String surveySubject() {
        return "您反映的" + noun();
    }
}

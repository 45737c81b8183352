package org.gridcase.casefile;

import java.util.Map;
import java.util.Set;

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

    /** What staff and residents call a case of this kind, in the kind's own words. */
    String noun();

    /** The name of the kind's handling task, for reminders and escalation mails. */
    String handlingTaskName();

    /** The group that makes phone callbacks when the survey link is not answered; null: no callback survey. */
    String callbackGroup();

    /**
     * The kind's own facts about one case (its grade, the measures taken…), shown under {@code details} when the
     * case is read on its own ({@code GET /api/cases/{trackingNumber}}, in its read-only transaction); null: the kind
     * has none beyond the case record.
     */
    default Map<String, Object> details(CaseFile file) {
        return null;
    }

    /**
     * The kind's own process variables that get no engine history (beside the shared ones of
     * {@link CaseVariables#WITHOUT_HISTORY}): those that copy the case record or the kind's rows, or hold what staff
     * or residents wrote, which the case's timeline keeps. See {@code operations.EngineHistory}.
     */
    default Set<String> variablesWithoutHistory() {
        return Set.of();
    }

    /** How the survey page speaks to the reporter of the case: 您反映的 and the kind's noun. */
    default String surveySubject() {
        return "您反映的" + noun();
    }
}

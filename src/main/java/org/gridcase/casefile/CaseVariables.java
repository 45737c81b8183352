package org.gridcase.casefile;

import java.util.Set;

import org.gridcase.support.EngineText;

/**
 * Process variable, message and group names shared by every case process (request, risk, mediation, enforcement)
 * and the call activities they share (leader-signoff, callback-survey).
 */
public final class CaseVariables {

    // the case
    public static final String TRACKING_NUMBER = "trackingNumber";
    public static final String KIND = "kind";
    public static final String CATEGORY = "category";
    public static final String CATEGORY_NAME = "categoryName";
    public static final String URGENCY = "urgency";
    public static final String DESCRIPTION = "description";
    public static final String ADDRESS = "address";
    public static final String GRID_CODE = "gridCode";
    public static final String GRID_NAME = "gridName";
    public static final String REPORTER_NAME = "reporterName";
    public static final String REPORTER_PHONE = "reporterPhone";
    /** Task-local: what was reported and the timeline before the task, shown read-only on every form. */
    public static final String CASE_STORY = "caseStory";

    // routing
    public static final String FIRST_HANDLER = "firstHandler";
    public static final String DEPARTMENT_CODE = "departmentCode";
    public static final String HANDLER_GROUP = "handlerGroup";
    public static final String HANDLER_NAME = "handlerName";
    public static final String VERIFY_GROUP = "verifyGroup";
    public static final String PRIORITY = "priority";

    // deadlines and lights
    public static final String RESPONSE_DUE_AT = "responseDueAt";
    public static final String HANDLING_DUE_AT = "handlingDueAt";
    public static final String HANDLING_DUE_TEXT = "handlingDueText";
    public static final String YELLOW_AT = "yellowAt";
    /** A kind's own handling limit (a limit string such as "24 HOURS") that replaces the SLA table's. */
    public static final String HANDLING_LIMIT = "handlingLimit";
    /** Limits from case-sla.dmn as limit strings ("30 MINUTES", "5 WORKING_DAYS"); see deadline.Limit. */
    public static final String ESCALATION_STEP = "escalationStep";
    public static final String LADDER_TOP = "ladderTop";
    public static final String REDISPATCH_LIMIT = "redispatchLimit";
    public static final String SIGNOFF_LIMIT = "signoffLimit";
    public static final String SUPERVISION_LIMIT = "supervisionLimit";
    public static final String SURVEY_LINK_LIMIT = "surveyLinkLimit";
    public static final String PHONE_CALLBACK_LIMIT = "phoneCallbackLimit";

    // escalation ladder and sign-off
    public static final String ESCALATION_LEVEL = "escalationLevel";
    public static final String ESCALATION_LEVEL_NAME = "escalationLevelName";
    public static final String ESCALATION_GROUP = "escalationGroup";
    public static final String NEXT_ESCALATION_AT = "nextEscalationAt";
    public static final String PUSH_NOTE = "pushNote";
    public static final String SIGNOFF_REASON = "signoffReason";
    public static final String SIGNOFF_GROUP = "signoffGroup";
    public static final String SIGNOFF_DUE_AT = "signoffDueAt";
    public static final String SIGNOFF_DECISION = "signoffDecision";
    public static final String SIGNOFF_DEPARTMENT = "signoffDepartment";
    public static final String SIGNOFF_LIMIT_DAYS = "signoffLimitDays";
    public static final String SIGNOFF_NOTE = "signoffNote";
    public static final String DUPLICATE_OF = "duplicateOf";
    /** The departments a sign-off form offers ({label, value} pairs, from the registry). */
    public static final String DEPARTMENT_OPTIONS = "departmentOptions";

    // supervision and withdrawal
    public static final String SUPERVISION_DUE_AT = "supervisionDueAt";
    public static final String SUPERVISION_NOTE = "supervisionNote";
    public static final String SUPERVISED_BY = "supervisedBy";
    /** Task-local flag on every task of a supervised case (the Tasklist filter 督办 reads it). */
    public static final String SUPERVISED = "supervised";
    public static final String WITHDRAW_REASON = "withdrawReason";
    public static final String WITHDRAWN_BY = "withdrawnBy";

    // callback survey
    public static final String SATISFACTION = "satisfaction";
    public static final String RESOLVED = "resolved";
    public static final String SURVEY_COMMENT = "surveyComment";
    public static final String SURVEY_LINK_DUE_AT = "surveyLinkDueAt";
    public static final String PHONE_DUE_AT = "phoneDueAt";
    public static final String CALLBACK_GROUP = "callbackGroup";
    public static final String REOPEN_COUNT = "reopenCount";
    public static final String MAX_REOPENS = "maxReopens";

    /** Input parameters of the closing service task: which final status the case gets, the note it keeps. */
    public static final String OUTCOME = "outcome";
    public static final String NOTE = "note";
    /** Input parameter of the task-limit timer's service task: which limit passed (核实时限). */
    public static final String LIMIT_NAME = "limitName";

    /** BPMN error the lights-and-ladder block throws past the ladder's top: the case goes to leader sign-off. */
    public static final String ERROR_LADDER_TOP = "LADDER_TOP";

    public static final String MESSAGE_SUPERVISION = "SupervisionOrder";
    public static final String MESSAGE_WITHDRAWAL = "Withdrawal";
    public static final String MESSAGE_SURVEY_ANSWERED = "SurveyAnswered";
    public static final String MESSAGE_REDISPATCH = "Redispatch";

    // a dispatcher's re-dispatch (after a return, or a correction of his own)
    public static final String REDISPATCH_TARGET = "redispatchTarget";
    public static final String REDISPATCH_GRID = "redispatchGridCode";
    public static final String REDISPATCH_DEPARTMENT = "redispatchDepartment";
    public static final String REDISPATCH_NOTE = "redispatchNote";

    /**
     * Shared variables that get no engine history ({@code ACT_HI_VARINST}; no variable has {@code ACT_HI_DETAIL}):
     * each copies the case record, the registry or a decision table, or holds what a resident or staff member wrote
     * (personal data among it). The case record and its timeline are the history process owners and staff read;
     * keeping these again in Camunda's history tables cost three inserts per variable per intake, and kept residents'
     * names and phone numbers for as long as the history lives. What stays in the engine's history: the variables that
     * decide the path (outcomes, decisions, groups, levels, codes), so an operator can tell in Cockpit why an ended
     * instance went the way it did. A kind adds its own through {@link CaseKindDefinition#variablesWithoutHistory()}.
     */
    public static final Set<String> WITHOUT_HISTORY = Set.of(
            // copies of the case record and the registry, shown on forms
            DESCRIPTION, ADDRESS, REPORTER_NAME, REPORTER_PHONE, CASE_STORY, CATEGORY_NAME, GRID_NAME, HANDLER_NAME,
            ESCALATION_LEVEL_NAME, HANDLING_DUE_TEXT, DEPARTMENT_OPTIONS, SUPERVISED,
            // what staff and residents wrote: on the timeline
            PUSH_NOTE, SIGNOFF_NOTE, SUPERVISION_NOTE, SURVEY_COMMENT, WITHDRAW_REASON, REDISPATCH_NOTE, NOTE,
            // limits from case-sla.dmn and the due times computed from them: on the case record
            HANDLING_LIMIT, ESCALATION_STEP, LADDER_TOP, REDISPATCH_LIMIT, SIGNOFF_LIMIT, SUPERVISION_LIMIT,
            SURVEY_LINK_LIMIT, PHONE_CALLBACK_LIMIT, MAX_REOPENS, RESPONSE_DUE_AT, HANDLING_DUE_AT, YELLOW_AT,
            NEXT_ESCALATION_AT, SIGNOFF_DUE_AT, SUPERVISION_DUE_AT, SURVEY_LINK_DUE_AT, PHONE_DUE_AT);

    public static final int NORMAL_PRIORITY = 50;
    public static final int SUPERVISED_PRIORITY = 80;

    private CaseVariables() {
    }

    /**
     * The copy of a case's free text (description, address, names, comments) that goes into a process variable:
     * see {@link EngineText}. Our own tables are utf8mb4 and keep the original.
     */
    public static String engineText(String s) {
        return EngineText.bmpOnly(s);
    }

    /**
     * Where the case is, as forms show it: the address; a case reported with only a position says so in words (the
     * grid it lies in is beside it on every form; the coordinates stay on the case record and its API).
     */
    public static String place(CaseFile file) {
        return file.getAddress() != null ? engineText(file.getAddress())
                : file.getLat() != null ? "未填写地址，按定位点确定位置" : "未提供";
    }
}

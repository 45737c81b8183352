package org.gridcase.notice;

/** Names of {@code notice.bpmn}: process key, variables, delegates. */
final class NoticeProcess {

    static final String KEY = "notice";
    static final String BUSINESS_KEY_PREFIX = "NOTICE-";

    /** The notice's id (Long). */
    static final String NOTICE_ID = "noticeId";
    /** The confirm-by time (Date): the timer. */
    static final String CONFIRM_BY = "confirmBy";
    /** Whether recipients remain whose SMS is not queued yet (Boolean): the fan-out loops while true. */
    static final String SMS_PENDING = "smsPending";
    /** The grid codes with households that have not confirmed (List of String): one task per grid. */
    static final String OPEN_GRIDS = "openGrids";
    /** The multi-instance element: the grid of one follow-up task. */
    static final String GRID = "grid";
    /** Local to a grid's task instance, the form's dynamic list: the households of the grid to check (JSON list). */
    static final String HOUSEHOLDS = "households";
    /** Local to a grid's task instance, not on the form: the recipient ids the task lists (comma-separated), checked on completion. */
    static final String HOUSEHOLD_IDS = "householdIds";
    /** Local to a grid's task instance, shown on the form. */
    static final String NOTICE_TITLE = "noticeTitle";
    static final String NOTICE_TEXT = "noticeText";
    static final String GRID_NAME = "gridName";

    // what Tasklist's form submits (two checklists and one reason): Camunda 7.24's Tasklist keeps the complete
    // button disabled on any form-js dynamic list (its empty per-row error entries count as errors)
    static final String HOUSEHOLD_OPTIONS = "householdOptions";
    static final String CONFIRMED_HOUSEHOLDS = "confirmedHouseholds";
    static final String UNREACHABLE_HOUSEHOLDS = "unreachableHouseholds";
    static final String UNREACHABLE_REASON = "unreachableReason";
    /** Per household of the {@code households} list (the engine API's answer): outcome and reason. */
    static final String OUTCOME = "outcome";
    static final String REASON = "reason";
    static final String OUTCOME_CONFIRMED = "CONFIRMED";
    static final String OUTCOME_UNREACHABLE = "UNREACHABLE";

    private NoticeProcess() {
    }

    static String businessKey(long noticeId) {
        return BUSINESS_KEY_PREFIX + noticeId;
    }
}

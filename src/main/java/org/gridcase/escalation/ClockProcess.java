package org.gridcase.escalation;

import static org.gridcase.casefile.CaseVariables.*;

import java.util.List;

/**
 * Names of {@code processes/case-clock.bpmn} (时限监控: the lights and the ladder), called beside a kind's handling
 * work. The variables it shares with every case process are in {@code casefile.CaseVariables}.
 */
public final class ClockProcess {

    public static final String PROCESS_ID = "case-clock";
    /** The timers: yellow (reminder) and red (the handling limit passed: the ladder starts). */
    public static final String YELLOW_LIGHT = "YellowLight";
    public static final String RED_LIGHT = "RedLight";
    public static final String TASK_PUSH = "PushCase";
    public static final String PUSH_TIMEOUT = "PushTimeout";
    public static final String ANNOUNCE_LEVEL = "AnnounceLevel";
    public static final String LADDER_EXHAUSTED = "LadderExhausted";

    /**
     * What the clock reads from the case process that calls it, and nothing else (its call activity maps them with
     * {@code camunda:variableMappingDelegateExpression="${caseClockInputs}"}, {@link ClockInputs}): the timers' due
     * times, the ladder's level, step, top and group, the priority and the sign-off reason it raises past the top,
     * and what the 督促办理 form shows. Copying every variable of the case instead ({@code camunda:in
     * variables="all"}) wrote about twice as many variables each time a case entered handling (issue 12).
     */
    public static final List<String> INPUTS = List.of(TRACKING_NUMBER, KIND, CATEGORY, CATEGORY_NAME, URGENCY,
            GRID_CODE, GRID_NAME, DESCRIPTION, ADDRESS, REPORTER_NAME, REPORTER_PHONE, HANDLER_GROUP, HANDLER_NAME,
            DEPARTMENT_CODE, PRIORITY, ESCALATION_LEVEL, ESCALATION_LEVEL_NAME, ESCALATION_GROUP, ESCALATION_STEP,
            LADDER_TOP, HANDLING_DUE_AT, HANDLING_DUE_TEXT, YELLOW_AT, NEXT_ESCALATION_AT, SIGNOFF_REASON);

    private ClockProcess() {
    }
}

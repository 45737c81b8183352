package org.gridcase.escalation;

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

    private ClockProcess() {
    }
}

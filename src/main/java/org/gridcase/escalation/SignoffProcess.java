package org.gridcase.escalation;

/** Names of {@code processes/leader-signoff.bpmn} (领导签批), which also carries out the leader's decision. */
public final class SignoffProcess {

    public static final String PROCESS_ID = "leader-signoff";
    public static final String TASK_SIGN_OFF = "SignOff";
    public static final String SIGNOFF_LATE = "SignoffLate";

    /** Decisions a leader may take (variable signoffDecision). */
    public static final String ASSIGN_DEPARTMENT = "ASSIGN_DEPARTMENT";
    public static final String NEW_LIMIT = "NEW_LIMIT";
    public static final String MERGE = "MERGE";
    public static final String CLOSE_UNRESOLVABLE = "CLOSE_UNRESOLVABLE";

    private SignoffProcess() {
    }
}

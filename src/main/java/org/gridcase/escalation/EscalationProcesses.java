package org.gridcase.escalation;

/**
 * Names of the shared escalation building blocks used from Java: {@code processes/case-clock.bpmn} (lights and
 * ladder), {@code case-supervision.bpmn} (督办) and {@code leader-signoff.bpmn} (领导签批). Variable names they
 * share with every case process are in {@code casefile.CaseVariables}.
 */
public final class EscalationProcesses {

    /** Lights and ladder: called beside a kind's handling work. */
    public static final String CLOCK = "case-clock";
    public static final String CLOCK_TASK_PUSH = "PushCase";
    public static final String CLOCK_PUSH_TIMEOUT = "PushTimeout";
    public static final String CLOCK_UNEXPECTED = "Unexpected";

    /** 督办: called from a case process's non-interrupting SupervisionOrder event sub-process. */
    public static final String SUPERVISION = "case-supervision";

    /** 领导签批. */
    public static final String SIGNOFF = "leader-signoff";
    public static final String SIGNOFF_TASK = "SignOff";
    public static final String SIGNOFF_LATE = "SignoffLate";

    /** Decisions a leader may take (variable signoffDecision). */
    public static final String ASSIGN_DEPARTMENT = "ASSIGN_DEPARTMENT";
    public static final String NEW_LIMIT = "NEW_LIMIT";
    public static final String MERGE = "MERGE";
    public static final String CLOSE_UNRESOLVABLE = "CLOSE_UNRESOLVABLE";

    private EscalationProcesses() {
    }
}

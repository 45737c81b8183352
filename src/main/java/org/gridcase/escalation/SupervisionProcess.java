package org.gridcase.escalation;

/** Names of {@code processes/case-supervision.bpmn} (督办), called from a case's SupervisionOrder event sub-process. */
public final class SupervisionProcess {

    public static final String PROCESS_ID = "case-supervision";
    public static final String REGISTER = "RegisterSupervision";
    public static final String DEADLINE = "SupervisionDeadline";

    private SupervisionProcess() {
    }
}

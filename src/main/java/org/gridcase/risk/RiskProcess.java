package org.gridcase.risk;

/**
 * Names of {@code processes/risk-report.bpmn}, {@code risk-grading.dmn} and {@code risk-routing.dmn} used from Java:
 * the process, its elements, its own variables and their values. The variables every case shares are in
 * {@link org.gridcase.casefile.CaseVariables}.
 */
public final class RiskProcess {

    public static final String PROCESS_ID = "risk-report";
    public static final String GRADING_DECISION = "risk-grading";
    public static final String ROUTING_DECISION = "risk-routing";

    // element ids (tests and API)
    public static final String TASK_VERIFY = "VerifyRisk";
    public static final String TASK_INSTRUCT = "InstructRisk";
    public static final String TASK_DISPOSE = "DisposeRisk";
    public static final String TASK_REINSPECT = "ReinspectRisk";
    public static final String HANDLING = "Handling";
    public static final String WAIT_REINSPECTION = "ReinspectionDue";
    public static final String JOINT_ENFORCEMENT = "RecordJointEnforcement";

    // the report (start variables beside the shared ones)
    public static final String RISK_TYPE = "riskType";
    public static final String SEVERITY = "severity";
    public static final String PEOPLE_AFFECTED = "peopleAffected";
    public static final String VULNERABLE = "vulnerable";
    public static final String SEVERITY_NAME = "severityName";
    public static final String PEOPLE_REPORTED = "peopleAffectedReported";

    // 核实隐患 (verify-risk.form): the grid leader may correct severity, people and vulnerable on site
    public static final String VERIFY_OUTCOME = "verifyOutcome";
    public static final String VERIFY_NOTE = "verifyNote";

    // grading (risk-grading.dmn)
    public static final String RISK_LEVEL = "riskLevel";
    public static final String RISK_LEVEL_NAME = "riskLevelName";
    public static final String REINSPECT_AFTER = "reinspectAfter";
    public static final String REINSPECT_LIMIT = "reinspectLimit";
    public static final String INSTRUCT_LIMIT = "instructLimit";
    public static final String NEEDS_JOINT = "needsJoint";

    // 领导批示 (instruct-risk.form), one task per town leader
    public static final String INSTRUCT_LEADERS = "instructLeaders";
    public static final String INSTRUCT_LEADER = "instructLeader";
    public static final String INSTRUCT_DUE_AT = "instructDueAt";
    public static final String INSTRUCT_DUE_TEXT = "instructDueText";
    public static final String INSTRUCT_GROUP = "instructGroup";
    public static final String INSTRUCTION = "instruction";

    // 处置隐患 (dispose-risk.form)
    public static final String MEASURES = "measures";
    public static final String EVIDENCE = "evidence";

    // 复查隐患 (reinspect-risk.form)
    public static final String REINSPECT_GROUP = "reinspectGroup";
    public static final String REINSPECT_AT = "reinspectAt";
    public static final String REINSPECT_DUE_AT = "reinspectDueAt";
    public static final String REINSPECT_OUTCOME = "reinspectOutcome";
    public static final String REINSPECT_NOTE = "reinspectNote";

    // values
    public static final String CONFIRMED = "CONFIRMED";
    public static final String UNFOUNDED = "UNFOUNDED";
    public static final String ELIMINATED = "ELIMINATED";
    public static final String PERSISTS = "PERSISTS";
    public static final String HANDLER_GRID = "GRID";
    public static final String HANDLER_DEPARTMENT = "DEPARTMENT";

    private RiskProcess() {
    }
}

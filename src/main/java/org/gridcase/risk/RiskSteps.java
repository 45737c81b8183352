package org.gridcase.risk;

import static org.gridcase.casefile.CaseVariables.*;
import static org.gridcase.risk.RiskProcess.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.gridcase.casefile.CaseAlerts;
import org.gridcase.casefile.CaseEventType;
import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.CaseStatus;
import org.gridcase.casefile.Cases;
import org.gridcase.deadline.Limit;
import org.gridcase.deadline.SlaPolicy;
import org.gridcase.registry.AreaLevel;
import org.gridcase.registry.GroupIds;
import org.gridcase.registry.Registry;
import org.gridcase.registry.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each step of {@code risk-report.bpmn} does to a risk report and its case: verify, grade, route, report to the
 * town's leaders, dispose, re-inspect. Plain values in, the variables the model reads next out (the delegates only
 * adapt); the rules (levels, limits, routes) are the DMN tables'.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
class RiskSteps {

    private static final Logger log = LoggerFactory.getLogger(RiskSteps.class);

    private final Cases cases;
    private final RiskReports reports;
    private final Registry registry;
    private final DecisionService decisions;
    private final CaseAlerts alerts;
    private final SlaPolicy sla;

    RiskSteps(Cases cases, RiskReports reports, Registry registry, DecisionService decisions, CaseAlerts alerts,
            SlaPolicy sla) {
        this.cases = cases;
        this.reports = reports;
        this.registry = registry;
        this.decisions = decisions;
        this.alerts = alerts;
        this.sla = sla;
    }

    /** 核实隐患: the grid leader's finding on the timeline. */
    void recordVerification(String trackingNumber, String actor, boolean confirmed, String note) {
        cases.record(trackingNumber, actor, CaseEventType.VERIFIED, (confirmed ? "属实：" : "不属实：") + note);
    }

    /**
     * Grades the verified hazard with {@code risk-grading.dmn}, keeps the grade on the report and answers it: the
     * level (the model reports I and II to the town's leaders), the disposal limit (as the shared
     * {@code handlingLimit}), the re-inspection interval and limit, the instruction limit and whether it needs joint
     * enforcement.
     */
    Map<String, Object> grade(String trackingNumber, Severity severity, int peopleAffected, boolean vulnerable) {
        RiskReport report = report(trackingNumber);
        DmnDecisionRuleResult row = decisions.evaluateDecisionTableByKey(GRADING_DECISION,
                Variables.createVariables().putValue("riskType", report.getType().name())
                        .putValue("severity", severity.name()).putValue("peopleAffected", peopleAffected)
                        .putValue("vulnerable", vulnerable))
                .getSingleResult();
        if (row == null) {
            throw new IllegalStateException("risk-grading.dmn has no rule for " + report.getType() + "/" + severity
                    + "/" + peopleAffected + "/" + vulnerable);
        }
        RiskLevel level = RiskLevel.valueOf((String) row.get("level"));
        String disposal = (String) row.get("disposalLimit");
        String reinspectAfter = (String) row.get("reinspectAfter");
        String reinspectLimit = (String) row.get("reinspectLimit");
        String instructLimit = (String) row.get("instructLimit");
        // as the table says: a rule without the flag leaves it null, and the model's gateway raises an incident
        Boolean needsJoint = (Boolean) row.get("needsJoint");
        // a limit the table left out or mistyped fails here, as an incident on this step, not in a timer later
        Limit.parse(disposal);
        Limit.parse(reinspectAfter);
        Limit.parse(reinspectLimit);
        if (instructLimit != null) {
            Limit.parse(instructLimit);
        }
        report.graded(severity, peopleAffected, vulnerable, level, disposal, reinspectAfter,
                Boolean.TRUE.equals(needsJoint), Cases.now());
        cases.record(trackingNumber, null, CaseEventType.GRADED, "评定为" + level.label() + "（" + severity.label()
                + "，影响 " + peopleAffected + " 人" + (vulnerable ? "，涉及特殊人群" : "") + "），处置时限 "
                + Limit.parse(disposal).label() + (Boolean.TRUE.equals(needsJoint) ? "，需多部门联合处置" : ""));
        log.info("Risk {} graded {} ({} {} {} {})", trackingNumber, level, report.getType(), severity, peopleAffected,
                vulnerable);
        Map<String, Object> variables = new HashMap<>();
        variables.put(RISK_LEVEL, level.name());
        variables.put(RISK_LEVEL_NAME, level.label());
        variables.put(HANDLING_LIMIT, disposal);
        variables.put(REINSPECT_AFTER, reinspectAfter);
        variables.put(REINSPECT_LIMIT, reinspectLimit);
        variables.put(INSTRUCT_LIMIT, instructLimit);
        variables.put(NEEDS_JOINT, needsJoint);
        return variables;
    }

    /** Who disposes of it, from {@code risk-routing.dmn}: its grid or a department; the case record is routed there. */
    Map<String, Object> route(String trackingNumber, String gridCode, RiskLevel level) {
        RiskReport report = report(trackingNumber);
        DmnDecisionRuleResult row = decisions.evaluateDecisionTableByKey(ROUTING_DECISION,
                Variables.createVariables().putValue("riskType", report.getType().name())
                        .putValue("level", level.name()))
                .getSingleResult();
        if (row == null) {
            throw new IllegalStateException("risk-routing.dmn has no rule for " + report.getType() + "/" + level);
        }
        String handler = (String) row.get("handler");
        String department = null;
        String group;
        String name;
        if (HANDLER_GRID.equals(handler)) {
            group = GroupIds.area(gridCode);
            name = registry.area(gridCode).map(Registry.AreaRef::name).orElse(gridCode);
        } else if (HANDLER_DEPARTMENT.equals(handler)) {
            String code = (String) row.get("departmentCode");
            name = registry.department(code).map(Registry.DepartmentRef::name)
                    .orElseThrow(() -> new IllegalStateException("risk-routing.dmn names department " + code
                            + ", which the registry does not know"));
            department = code;
            group = GroupIds.department(code);
        } else {
            throw new IllegalStateException("risk-routing.dmn answered handler " + handler);
        }
        cases.route(trackingNumber, null, department, group, null, CaseEventType.ROUTED, "处置单位：" + name);
        Map<String, Object> variables = new HashMap<>();
        variables.put(FIRST_HANDLER, handler);
        variables.put(DEPARTMENT_CODE, department);
        variables.put(HANDLER_GROUP, group);
        variables.put(HANDLER_NAME, name);
        return variables;
    }

    /**
     * 风险隐患信息直报: a level I or II hazard goes at once to the leaders of its town (the secretary and the mayor),
     * by mail through the outbox; each of them instructs within the grade's limit.
     */
    Map<String, Object> reportToLeaders(String trackingNumber, String gridCode, String instructLimit) {
        Instant due = sla.after(Cases.now(), Limit.parse(instructLimit));
        String town = registry.lineage(gridCode).stream().filter(a -> a.level() == AreaLevel.TOWN)
                .map(Registry.AreaRef::code).findFirst()
                .orElseThrow(() -> new IllegalStateException("Grid " + gridCode + " lies in no town"));
        List<Registry.StaffRef> leaders = registry.staff(town, Role.LEADER);
        if (leaders.isEmpty()) {
            throw new IllegalStateException("Town " + town + " has no leader to report risk " + trackingNumber + " to");
        }
        String group = GroupIds.roleInArea(Role.LEADER, town);
        CaseFile file = cases.find(trackingNumber).orElseThrow();
        alerts.toGroup(group, "SIGNOFF_REQUESTED", file, "direct-report",
                Map.of("taskName", "领导批示", "dueAt", CaseAlerts.time(due)));
        cases.record(trackingNumber, null, CaseEventType.INSTRUCTION_REQUESTED, report(trackingNumber).getLevel().label()
                + "风险隐患直报：" + String.join("、", leaders.stream().map(Registry.StaffRef::name).toList())
                + "，批示时限 " + CaseAlerts.time(due));
        Map<String, Object> variables = new HashMap<>();
        // a mutable list: the engine keeps it as a JSON variable and reads it back as this type
        variables.put(INSTRUCT_LEADERS, new ArrayList<>(leaders.stream().map(Registry.StaffRef::login).toList()));
        variables.put(INSTRUCT_GROUP, group);
        variables.put(INSTRUCT_DUE_AT, Date.from(due));
        variables.put(INSTRUCT_DUE_TEXT, CaseAlerts.time(due));
        return variables;
    }

    /** 领导批示: the instruction goes on the timeline under the leader's name. */
    void recordInstruction(String trackingNumber, String leader, String instruction) {
        report(trackingNumber).instructed();
        String name = registry.person(leader).map(Registry.StaffRef::name).orElse(leader);
        cases.record(trackingNumber, leader, CaseEventType.INSTRUCTED, name + "批示：" + instruction);
    }

    /**
     * A level I hazard of a type no single department can settle: recorded for joint enforcement (联合执法,
     * 吹哨报到). The joint-enforcement process will be called where the model calls this.
     */
    void requestJointEnforcement(String trackingNumber) {
        report(trackingNumber).jointRequested(Cases.now());
        cases.record(trackingNumber, null, CaseEventType.ROUTED, "需多部门联合处置：已登记联合执法（吹哨报到）");
    }

    /** The disposal goes to its handler, who is told by mail. */
    void dispatch(String trackingNumber, String handlerGroup, String handlerName) {
        cases.status(trackingNumber, CaseStatus.HANDLING, null, CaseEventType.DISPATCHED,
                "派至 " + handlerName + " 处置");
        CaseFile file = cases.find(trackingNumber).orElseThrow();
        alerts.toGroup(handlerGroup, "TASK_ASSIGNED", file, "dispose-" + handlerGroup + "-" + file.getHandlingDueAt(),
                Map.of("taskName", "处置隐患"));
    }

    /** 处置隐患: the measures of this round. */
    void recordDisposal(String trackingNumber, String actor, String measures) {
        report(trackingNumber).disposed(measures);
        cases.record(trackingNumber, actor, CaseEventType.HANDLED, measures);
    }

    /**
     * 复查: the grid's re-inspection is due after the grade's interval and must be done within its limit; until then
     * the case's light follows the re-inspection (yellow once it is due, red past its limit).
     */
    Map<String, Object> scheduleReinspection(String trackingNumber, String gridCode, String reinspectAfter,
            String reinspectLimit) {
        Instant at = sla.after(Cases.now(), Limit.parse(reinspectAfter));
        Instant due = sla.after(at, Limit.parse(reinspectLimit));
        report(trackingNumber).reinspectionDue(at);
        cases.moveTo(trackingNumber, CaseStatus.REINSPECTING);
        cases.deadlines(trackingNumber, null, due, at);
        Map<String, Object> variables = new HashMap<>();
        variables.put(REINSPECT_AT, Date.from(at));
        variables.put(REINSPECT_DUE_AT, Date.from(due));
        variables.put(REINSPECT_GROUP, GroupIds.area(gridCode));
        return variables;
    }

    /** 复查隐患: what the grid worker found. */
    void recordReinspection(String trackingNumber, String actor, boolean eliminated, String note) {
        report(trackingNumber).reinspected();
        cases.record(trackingNumber, actor, CaseEventType.REINSPECTED,
                (eliminated ? "隐患已消除：" : "隐患仍存在：") + note);
    }

    /**
     * The hazard persists: disposal again, one rung of the escalation ladder higher than the case stood (the case
     * row knows its rung; the process variable does not follow the ladder, which runs in its own instance).
     */
    Map<String, Object> raiseDisposal(String trackingNumber) {
        int level = Math.max(cases.find(trackingNumber).orElseThrow().getEscalationLevel() + 1, 1);
        cases.status(trackingNumber, CaseStatus.HANDLING, null, CaseEventType.REOPENED,
                "复查发现隐患仍存在，提高一级重新处置（第 " + level + " 级）");
        return Map.of(ESCALATION_LEVEL, level);
    }

    private RiskReport report(String trackingNumber) {
        return reports.findByTrackingNumber(trackingNumber)
                .orElseThrow(() -> new IllegalStateException("No risk report for case " + trackingNumber));
    }
}

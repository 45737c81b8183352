package org.gridcase.risk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.gridcase.casefile.CaseAlerts;
import org.gridcase.casefile.CaseEventType;
import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.CaseStatus;
import org.gridcase.casefile.Cases;
import org.gridcase.deadline.LimitUnit;
import org.gridcase.deadline.WorkingCalendar;
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
 * town's leaders, dispose, re-inspect. Plain values in and out (the delegates adapt process variables); the rules
 * (levels, limits, routes) are the DMN tables'.
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
    private final WorkingCalendar calendar;

    RiskSteps(Cases cases, RiskReports reports, Registry registry, DecisionService decisions, CaseAlerts alerts,
            WorkingCalendar calendar) {
        this.cases = cases;
        this.reports = reports;
        this.registry = registry;
        this.decisions = decisions;
        this.alerts = alerts;
        this.calendar = calendar;
    }

    /** What {@code risk-grading.dmn} gave a verified hazard. */
    record Grade(RiskLevel level, String disposalLimit, String reinspectAfter, String reinspectLimit,
            String instructLimit, boolean needsJoint) {

        boolean reportedToLeaders() {
            return level.reportedToLeaders();
        }
    }

    /** Who disposes of the hazard: its grid or a department, as the group that gets the task and its name. */
    record Route(String handler, String departmentCode, String handlerGroup, String handlerName) {
    }

    /** The town's leaders each instructing (批示), and by when. */
    record DirectReport(List<String> leaders, Instant dueAt) {
    }

    /** When the re-inspection is due, by when it must be done, and who does it. */
    record Reinspection(Instant at, Instant dueAt, String group) {
    }

    /** 核实隐患: the grid leader's finding on the timeline. */
    void recordVerification(String trackingNumber, String actor, boolean confirmed, String note) {
        cases.record(trackingNumber, actor, CaseEventType.VERIFIED, (confirmed ? "属实：" : "不属实：") + note);
    }

    /** Grades the verified hazard with {@code risk-grading.dmn} and keeps the grade on the report. */
    Grade grade(String trackingNumber, Severity severity, int peopleAffected, boolean vulnerable) {
        RiskReport report = report(trackingNumber);
        DmnDecisionRuleResult row = decisions.evaluateDecisionTableByKey(RiskProcess.GRADING_DECISION,
                Variables.createVariables().putValue("riskType", report.getType().name())
                        .putValue("severity", severity.name()).putValue("peopleAffected", peopleAffected)
                        .putValue("vulnerable", vulnerable))
                .getSingleResult();
        if (row == null) {
            throw new IllegalStateException("risk-grading.dmn has no rule for " + report.getType() + "/" + severity
                    + "/" + peopleAffected + "/" + vulnerable);
        }
        RiskLevel level = RiskLevel.valueOf((String) row.get("level"));
        Grade grade = new Grade(level, (String) row.get("disposalLimit"), (String) row.get("reinspectAfter"),
                (String) row.get("reinspectLimit"), (String) row.get("instructLimit"),
                Boolean.TRUE.equals(row.get("needsJoint")));
        // a limit the table left out is a broken table: fail here, with an incident, not in a timer later
        limit(grade.disposalLimit());
        limit(grade.reinspectAfter());
        limit(grade.reinspectLimit());
        if (grade.reportedToLeaders()) {
            limit(grade.instructLimit());
        }
        report.graded(severity, peopleAffected, vulnerable, level, grade.disposalLimit(), grade.reinspectAfter(),
                grade.needsJoint(), Cases.now());
        cases.record(trackingNumber, null, CaseEventType.GRADED, "评定为" + level.label() + "（" + severity.label()
                + "，影响 " + peopleAffected + " 人" + (vulnerable ? "，涉及特殊人群" : "") + "），处置时限 "
                + limitText(grade.disposalLimit()) + (grade.needsJoint() ? "，需多部门联合处置" : ""));
        log.info("Risk {} graded {} ({} {} {} {})", trackingNumber, level, report.getType(), severity, peopleAffected,
                vulnerable);
        return grade;
    }

    /** Who disposes of it, from {@code risk-routing.dmn}; the case record is routed there. */
    Route route(String trackingNumber, String gridCode, RiskLevel level) {
        RiskReport report = report(trackingNumber);
        DmnDecisionRuleResult row = decisions.evaluateDecisionTableByKey(RiskProcess.ROUTING_DECISION,
                Variables.createVariables().putValue("riskType", report.getType().name())
                        .putValue("level", level.name()))
                .getSingleResult();
        if (row == null) {
            throw new IllegalStateException("risk-routing.dmn has no rule for " + report.getType() + "/" + level);
        }
        String handler = (String) row.get("handler");
        Route route;
        if (RiskProcess.HANDLER_GRID.equals(handler)) {
            route = new Route(handler, null, GroupIds.area(gridCode), areaName(gridCode));
        } else if (RiskProcess.HANDLER_DEPARTMENT.equals(handler)) {
            String department = (String) row.get("departmentCode");
            String name = registry.department(department).map(Registry.DepartmentRef::name)
                    .orElseThrow(() -> new IllegalStateException("risk-routing.dmn names department " + department
                            + ", which the registry does not know"));
            route = new Route(handler, department, GroupIds.department(department), name);
        } else {
            throw new IllegalStateException("risk-routing.dmn answered handler " + handler);
        }
        cases.route(trackingNumber, null, route.departmentCode(), route.handlerGroup(), null, CaseEventType.ROUTED,
                "处置单位：" + route.handlerName());
        return route;
    }

    /**
     * 风险隐患信息直报: a level I or II hazard goes at once to the leaders of its town (the secretary and the mayor),
     * by mail through the outbox; each of them instructs within the limit.
     */
    DirectReport reportToLeaders(String trackingNumber, String gridCode, String instructLimit) {
        Instant due = after(Cases.now(), instructLimit);
        String town = registry.lineage(gridCode).stream().filter(a -> a.level() == AreaLevel.TOWN)
                .map(Registry.AreaRef::code).findFirst()
                .orElseThrow(() -> new IllegalStateException("Grid " + gridCode + " lies in no town"));
        List<Registry.StaffRef> leaders = registry.staff(town, Role.LEADER);
        if (leaders.isEmpty()) {
            throw new IllegalStateException("Town " + town + " has no leader to report risk " + trackingNumber + " to");
        }
        CaseFile file = cases.find(trackingNumber).orElseThrow();
        alerts.toGroup(GroupIds.roleInArea(Role.LEADER, town), "SIGNOFF_REQUESTED", file, "direct-report",
                Map.of("taskName", "领导批示", "dueAt", CaseAlerts.time(due)));
        RiskLevel level = report(trackingNumber).getLevel();
        cases.record(trackingNumber, null, CaseEventType.INSTRUCTION_REQUESTED, level.label() + "风险隐患直报："
                + String.join("、", leaders.stream().map(Registry.StaffRef::name).toList()) + "，批示时限 "
                + CaseAlerts.time(due));
        // a mutable list: the engine keeps it as a JSON variable, and reads it back as this type
        return new DirectReport(new ArrayList<>(leaders.stream().map(Registry.StaffRef::login).toList()), due);
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
        cases.status(trackingNumber, CaseStatus.HANDLING, null, CaseEventType.DISPATCHED, "派至 " + handlerName + " 处置");
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
    Reinspection scheduleReinspection(String trackingNumber, String gridCode, String reinspectAfter,
            String reinspectLimit) {
        Instant at = after(Cases.now(), reinspectAfter);
        Instant due = after(at, reinspectLimit);
        report(trackingNumber).reinspectionDue(at);
        cases.moveTo(trackingNumber, CaseStatus.REINSPECTING);
        cases.deadlines(trackingNumber, null, due, at);
        return new Reinspection(at, due, GroupIds.area(gridCode));
    }

    /** 复查隐患: what the grid worker found. */
    void recordReinspection(String trackingNumber, String actor, boolean eliminated, String note) {
        report(trackingNumber).reinspected();
        cases.record(trackingNumber, actor, CaseEventType.REINSPECTED,
                (eliminated ? "隐患已消除：" : "隐患仍存在：") + note);
    }

    /** The hazard persists: disposal again, one rung of the escalation ladder higher. */
    int raiseDisposal(String trackingNumber, int escalationLevel) {
        int level = escalationLevel + 1;
        cases.status(trackingNumber, CaseStatus.HANDLING, null, CaseEventType.REOPENED,
                "复查发现隐患仍存在，提高一级重新处置（第 " + level + " 级）");
        return level;
    }

    // ---------------------------------------------------------------- limits ("24 HOURS", "3 WORKING_DAYS")

    /** The moment a limit after {@code from}: hours and days around the clock, working days by the calendar. */
    Instant after(Instant from, String limit) {
        Limit l = limit(limit);
        return calendar.plus(from.atZone(WorkingCalendar.ZONE), l.amount(), l.unit()).toInstant();
    }

    record Limit(long amount, LimitUnit unit) {
    }

    static Limit limit(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalStateException("Not a limit (\"<amount> <UNIT>\"): " + text);
        }
        try {
            long amount = Long.parseLong(parts[0]);
            if (amount < 0) {
                throw new IllegalStateException("A limit is never negative: " + text);
            }
            return new Limit(amount, LimitUnit.valueOf(parts[1].toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Not a limit (\"<amount> <UNIT>\"): " + text, e);
        }
    }

    static String limitText(String limit) {
        Limit l = limit(limit);
        return l.amount() + " " + l.unit().label();
    }

    private RiskReport report(String trackingNumber) {
        return reports.findByTrackingNumber(trackingNumber)
                .orElseThrow(() -> new IllegalStateException("No risk report for case " + trackingNumber));
    }

    private String areaName(String code) {
        return registry.area(code).map(Registry.AreaRef::name).orElse(code);
    }
}

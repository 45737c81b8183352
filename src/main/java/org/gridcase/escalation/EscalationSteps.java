package org.gridcase.escalation;

import static org.gridcase.casefile.CaseVariables.*;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;
import org.gridcase.casefile.CaseAlerts;
import org.gridcase.casefile.CaseDeadlines;
import org.gridcase.casefile.CaseEventType;
import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.CaseStatus;
import org.gridcase.casefile.Cases;
import org.gridcase.deadline.SlaPolicy;
import org.gridcase.registry.GroupIds;
import org.gridcase.registry.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The mechanisms every case kind shares once it is late or hard: yellow reminder, the escalation ladder,
 * supervision orders (一键督办) and leader sign-off (领导签批督办).
 */
@Service
class EscalationSteps {

    private static final Logger log = LoggerFactory.getLogger(EscalationSteps.class);

    private final Cases cases;
    private final CaseAlerts alerts;
    private final EscalationLadder ladder;
    private final CaseDeadlines deadlines;
    private final SlaPolicy sla;
    private final TaskService taskService;
    private final Registry registry;

    EscalationSteps(Cases cases, CaseAlerts alerts, EscalationLadder ladder, CaseDeadlines deadlines, SlaPolicy sla,
            TaskService taskService, Registry registry) {
        this.cases = cases;
        this.alerts = alerts;
        this.ladder = ladder;
        this.deadlines = deadlines;
        this.sla = sla;
        this.taskService = taskService;
        this.registry = registry;
    }

    void remind(DelegateExecution execution) {
        CaseFile file = file(execution);
        cases.record(file.getTrackingNumber(), null, CaseEventType.REMINDED,
                "即将超期，办结时限 " + CaseAlerts.time(file.getHandlingDueAt()));
        alerts.toGroup((String) execution.getVariable(HANDLER_GROUP), "TASK_REMINDER", file,
                "yellow-" + file.getHandlingDueAt(), Map.of("taskName", "办理诉求"));
    }

    /** One rung up; past the top the model hands the case to leader sign-off. */
    void escalate(DelegateExecution execution) {
        CaseFile file = file(execution);
        int level = ((Number) execution.getVariable(ESCALATION_LEVEL)).intValue() + 1;
        int max = ((Number) execution.getVariable(MAX_ESCALATION_LEVEL)).intValue();
        execution.setVariable(ESCALATION_LEVEL, level);
        if (level > max) {
            execution.setVariable(SIGNOFF_REASON, "超期升级至" + ladder.rung(file, max).name() + "后仍未办结");
            return;
        }
        EscalationLadder.Rung rung = ladder.rung(file, level);
        Number step = (Number) execution.getVariable(ESCALATION_STEP_HOURS);
        Instant next = Cases.now().plus(Duration.ofHours(step == null ? 24 : step.longValue()));
        execution.setVariable(ESCALATION_GROUP, rung.group());
        execution.setVariable(ESCALATION_LEVEL_NAME, "第 " + level + " 级：" + rung.name());
        execution.setVariable(NEXT_ESCALATION_AT, Date.from(next));
        cases.escalationLevel(file.getTrackingNumber(), level, "超期升级至第 " + level + " 级：" + rung.name());
        alerts.toGroup(rung.group(), "ESCALATED", file, "level-" + level + "-" + file.getHandlingDueAt(),
                Map.of("reason", "超期未办结，已升级至第 " + level + " 级：" + rung.name(), "taskName", "督促办理"));
        log.info("Case {} escalated to level {} ({})", file.getTrackingNumber(), level, rung.group());
    }

    void supervise(DelegateExecution execution) {
        CaseFile file = file(execution);
        Date due = (Date) execution.getVariable(SUPERVISION_DUE_AT);
        String note = (String) execution.getVariable(SUPERVISION_NOTE);
        cases.supervise(file.getTrackingNumber(), due == null ? null : due.toInstant(),
                (String) execution.getVariable(SUPERVISED_BY), note);
        execution.setVariable(PRIORITY, SUPERVISED_PRIORITY);
        for (Task task : taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list()) {
            taskService.setPriority(task.getId(), SUPERVISED_PRIORITY);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("note", note == null ? "" : note);
        model.put("supervisionDueAt", due == null ? "无" : CaseAlerts.time(due.toInstant()));
        alerts.toGroup(file.getHandlerGroup(), "SUPERVISED", file, "supervision-" + Cases.now(), model);
    }

    void supervisionOverdue(DelegateExecution execution) {
        CaseFile file = file(execution);
        if (file.getStatus().finished() || file.getStatus() == CaseStatus.SURVEY) {
            return;
        }
        EscalationLadder.Rung top = ladder.rung(file, Integer.MAX_VALUE);
        cases.record(file.getTrackingNumber(), null, CaseEventType.SUPERVISION_OVERDUE,
                "督办期限已过仍未办结，报" + top.name());
        alerts.toGroup(top.group(), "ESCALATED", file, "supervision-overdue-" + file.getSupervisionDueAt(),
                Map.of("reason", "督办期限已过仍未办结", "taskName", "督促办理"));
    }

    void prepareSignoff(DelegateExecution execution) {
        CaseFile file = file(execution);
        String group = ladder.signoffGroup(file);
        execution.setVariable(SIGNOFF_GROUP, group);
        execution.setVariable(SIGNOFF_DUE_AT, Date.from(sla.workingDaysFrom(Cases.now(), 2)));
        fillSummary(execution, file);
        String reason = (String) execution.getVariable(SIGNOFF_REASON);
        cases.status(file.getTrackingNumber(), CaseStatus.SIGNOFF, null, CaseEventType.SIGNOFF_REQUESTED, reason);
        alerts.toGroup(group, "SIGNOFF_REQUESTED", file, "signoff-" + Cases.now(),
                Map.of("reason", reason == null ? "" : reason, "taskName", "领导签批",
                        "dueAt", CaseAlerts.time(((Date) execution.getVariable(SIGNOFF_DUE_AT)).toInstant())));
    }

    void recordSignoff(DelegateExecution execution) {
        cases.record((String) execution.getVariable(TRACKING_NUMBER), (String) execution.getVariable("signedOffBy"),
                CaseEventType.SIGNED_OFF, decisionLabel((String) execution.getVariable(SIGNOFF_DECISION)) + "："
                        + execution.getVariable(SIGNOFF_NOTE));
    }

    /** Back to handling as the leader decided: another department and/or a new limit. */
    void applySignoff(DelegateExecution execution) {
        CaseFile file = file(execution);
        String decision = (String) execution.getVariable(SIGNOFF_DECISION);
        if ("ASSIGN_DEPARTMENT".equals(decision)) {
            String department = (String) execution.getVariable(SIGNOFF_DEPARTMENT);
            String name = registry.department(department).map(Registry.DepartmentRef::name).orElse(department);
            execution.setVariable(DEPARTMENT_CODE, department);
            execution.setVariable(HANDLER_GROUP, GroupIds.department(department));
            execution.setVariable(HANDLER_NAME, name);
            cases.route(file.getTrackingNumber(), null, department, GroupIds.department(department), null,
                    CaseEventType.DISPATCHED, "按领导签批改派 " + name);
        }
        Number days = (Number) execution.getVariable(SIGNOFF_LIMIT_DAYS);
        deadlines.newLimit(execution, days == null ? 5 : days.intValue());
        execution.setVariable(ESCALATION_LEVEL, 0);
        cases.escalationLevel(file.getTrackingNumber(), 0, null);
        // the model dispatches the case again: status and the handler's notice come from there
    }

    static String decisionLabel(String decision) {
        if (decision == null) {
            return "";
        }
        return switch (decision) {
            case "ASSIGN_DEPARTMENT" -> "改派部门";
            case "NEW_LIMIT" -> "重定时限";
            case "MERGE" -> "合并";
            case "CLOSE_UNRESOLVABLE" -> "无法解决，结案";
            default -> decision;
        };
    }

    /** The sign-off process runs on its own: give its form the case summary. */
    private void fillSummary(DelegateExecution execution, CaseFile file) {
        execution.setVariable(DESCRIPTION, engineText(file.getDescription()));
        execution.setVariable(ADDRESS, engineText(file.getAddress()));
        execution.setVariable(GRID_NAME, file.getGridCode() == null ? null
                : registry.area(file.getGridCode()).map(Registry.AreaRef::name).orElse(file.getGridCode()));
        execution.setVariable(REPORTER_NAME, engineText(file.getReporterName()));
        execution.setVariable(REPORTER_PHONE, file.getReporterPhone());
    }

    private CaseFile file(DelegateExecution execution) {
        return cases.find((String) execution.getVariable(TRACKING_NUMBER)).orElseThrow();
    }
}

package org.gridcase.escalation;

import static org.gridcase.casefile.CaseVariables.*;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.gridcase.casefile.CaseAlerts;
import org.gridcase.casefile.CaseDeadlines;
import org.gridcase.casefile.CaseEventType;
import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.CaseKinds;
import org.gridcase.casefile.CaseStatus;
import org.gridcase.casefile.Cases;
import org.gridcase.deadline.Limit;
import org.gridcase.deadline.SlaPolicy;
import org.gridcase.registry.GroupIds;
import org.gridcase.registry.Registry;
import org.gridcase.registry.RegistryOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The mechanisms every case kind shares once it is late or hard: the yellow reminder, the escalation ladder, a task
 * limit passing, supervision orders (一键督办) and leader sign-off (领导签批督办). Each step takes what the model
 * knows and answers the variables the model reads next; the case row is the source of truth for the rest. The
 * words of the case's kind (the handling task's name) come from its definition.
 */
@Service
class EscalationSteps {

    private static final Logger log = LoggerFactory.getLogger(EscalationSteps.class);

    private final Cases cases;
    private final CaseAlerts alerts;
    private final CaseKinds kinds;
    private final EscalationLadder ladder;
    private final CaseDeadlines deadlines;
    private final SlaPolicy sla;
    private final TaskService taskService;
    private final Registry registry;
    private final RegistryOptions options;

    EscalationSteps(Cases cases, CaseAlerts alerts, CaseKinds kinds, EscalationLadder ladder, CaseDeadlines deadlines,
            SlaPolicy sla, TaskService taskService, Registry registry, RegistryOptions options) {
        this.cases = cases;
        this.alerts = alerts;
        this.kinds = kinds;
        this.ladder = ladder;
        this.deadlines = deadlines;
        this.sla = sla;
        this.taskService = taskService;
        this.registry = registry;
        this.options = options;
    }

    /** Yellow light: the handler group is reminded. */
    void remind(String trackingNumber) {
        CaseFile file = file(trackingNumber);
        cases.record(trackingNumber, null, CaseEventType.REMINDED,
                "即将超期，办结时限 " + CaseAlerts.time(file.getHandlingDueAt()));
        alerts.toGroup(file.getHandlerGroup(), "TASK_REMINDER", file, "yellow-" + file.getHandlingDueAt(),
                Map.of("taskName", kinds.of(file).handlingTaskName()));
    }

    /**
     * The case is at the next rung ({@code raise}) or announced at the rung it already is on (a case that came back
     * one level higher). Past {@code top} only the level changes: the model hands the case to leader sign-off.
     */
    Map<String, Object> escalate(String trackingNumber, int level, int top, String step, boolean raise) {
        CaseFile file = file(trackingNumber);
        int now = raise ? level + 1 : Math.max(level, 1);
        Map<String, Object> variables = new HashMap<>();
        variables.put(ESCALATION_LEVEL, now);
        if (now > top) {
            variables.put(SIGNOFF_REASON, "超期升级至" + ladder.rung(file, top).name() + "后仍未办结");
            return variables;
        }
        EscalationLadder.Rung rung = ladder.rung(file, now);
        Instant next = sla.after(Cases.now(), Limit.parse(step));
        variables.put(ESCALATION_GROUP, rung.group());
        variables.put(ESCALATION_LEVEL_NAME, "第 " + now + " 级：" + rung.name());
        variables.put(NEXT_ESCALATION_AT, Date.from(next));
        String why = raise ? "超期未办结" : "复查未通过，重新办理";
        cases.escalationLevel(trackingNumber, now, why + "，升级至第 " + now + " 级：" + rung.name());
        alerts.toGroup(rung.group(), "ESCALATED", file, "level-" + now + "-" + file.getHandlingDueAt(),
                Map.of("reason", why + "，已升级至第 " + now + " 级：" + rung.name(), "taskName", "督促办理"));
        log.info("Case {} at escalation level {} ({})", trackingNumber, now, rung.group());
        return variables;
    }

    /**
     * A task's own limit passed (response, re-dispatch, re-inspection…): its group is told, and the first rung of the
     * ladder unless {@code tellLadder} is false (a leader's own late task is not the grid leader's business).
     */
    void taskOverdue(String trackingNumber, String limitName, String group, boolean tellLadder) {
        CaseFile file = file(trackingNumber);
        EscalationLadder.Rung first = ladder.rung(file, 1);
        cases.record(trackingNumber, null, CaseEventType.OVERDUE, limitName + "已过，任务仍未完成");
        Map<String, Object> model = Map.of("reason", limitName + "已过，任务仍未完成", "taskName", limitName);
        alerts.toGroup(group, "TASK_REMINDER", file, "overdue-" + limitName + "-" + Cases.now(), model);
        if (tellLadder && !first.group().equals(group)) {
            alerts.toGroup(first.group(), "ESCALATED", file, "overdue-" + limitName + "-" + Cases.now(), model);
        }
    }

    /**
     * 督办: the case is flagged, every open task of it (including those of called processes) gets the flag and the
     * supervised priority, the handler is told. Without a deadline from the leader, the table's supervision limit.
     */
    Map<String, Object> supervise(String trackingNumber, Date dueAt, String supervisedBy, String note,
            String defaultLimit) {
        CaseFile file = file(trackingNumber);
        Instant due = dueAt != null ? dueAt.toInstant() : sla.after(Cases.now(), Limit.parse(defaultLimit));
        cases.supervise(trackingNumber, due, supervisedBy, note);
        for (Task task : taskService.createTaskQuery().processInstanceBusinessKey(trackingNumber).list()) {
            flag(task.getId());
        }
        Map<String, Object> model = new HashMap<>();
        model.put("note", note == null ? "" : note);
        model.put("supervisionDueAt", CaseAlerts.time(due));
        model.put("taskName", kinds.of(file).handlingTaskName());
        alerts.toGroup(file.getHandlerGroup(), "SUPERVISED", file, "supervision-" + Cases.now(), model);
        Map<String, Object> variables = new HashMap<>();
        variables.put(SUPERVISION_DUE_AT, Date.from(due));
        variables.put(PRIORITY, SUPERVISED_PRIORITY);
        variables.put(SUPERVISED, true);
        return variables;
    }

    /** Marks a task as one of a supervised case: what the 督办 filter reads, and its priority. */
    void flag(String taskId) {
        taskService.setVariableLocal(taskId, SUPERVISED, true);
        taskService.setPriority(taskId, SUPERVISED_PRIORITY);
    }

    void supervisionOverdue(String trackingNumber) {
        CaseFile file = file(trackingNumber);
        if (file.getStatus().finished() || file.getStatus() == CaseStatus.SURVEY) {
            return;
        }
        EscalationLadder.Rung top = ladder.rung(file, Integer.MAX_VALUE);
        cases.record(trackingNumber, null, CaseEventType.SUPERVISION_OVERDUE, "督办期限已过仍未办结，报" + top.name());
        alerts.toGroup(top.group(), "ESCALATED", file, "supervision-overdue-" + file.getSupervisionDueAt(),
                Map.of("reason", "督办期限已过仍未办结", "taskName", "督促办理"));
    }

    /** Who signs off, by when, and the case summary the sign-off form shows. */
    Map<String, Object> prepareSignoff(String trackingNumber, String reason, String signoffLimit) {
        CaseFile file = file(trackingNumber);
        String group = ladder.signoffGroup(file);
        Instant due = sla.after(Cases.now(), Limit.parse(signoffLimit));
        cases.status(trackingNumber, CaseStatus.SIGNOFF, null, CaseEventType.SIGNOFF_REQUESTED, reason);
        alerts.toGroup(group, "SIGNOFF_REQUESTED", file, "signoff-" + Cases.now(),
                Map.of("reason", reason == null ? "" : reason, "taskName", "领导签批", "dueAt", CaseAlerts.time(due)));
        Map<String, Object> variables = new HashMap<>();
        variables.put(SIGNOFF_GROUP, group);
        variables.put(SIGNOFF_DUE_AT, Date.from(due));
        variables.put(DESCRIPTION, engineText(file.getDescription()));
        variables.put(ADDRESS, place(file));
        variables.put(GRID_NAME, file.getGridCode() == null ? null
                : registry.area(file.getGridCode()).map(Registry.AreaRef::name).orElse(file.getGridCode()));
        variables.put(REPORTER_NAME, engineText(file.getReporterName()));
        variables.put(REPORTER_PHONE, file.getReporterPhone());
        // the form's department list, from the registry, as JSON: what Camunda Forms' valuesKey reads
        variables.put(DEPARTMENT_OPTIONS, options.departments());
        return variables;
    }

    /** The sign-off limit passed: the leaders are reminded, the timeline says so. */
    void signoffOverdue(String trackingNumber, String group) {
        CaseFile file = file(trackingNumber);
        cases.record(trackingNumber, null, CaseEventType.OVERDUE, "领导签批时限已过，尚未签批");
        alerts.toGroup(group, "SIGNOFF_REQUESTED", file, "signoff-overdue-" + Cases.now(),
                Map.of("reason", "签批时限已过", "taskName", "领导签批", "dueAt", "已超期"));
    }

    void recordSignoff(String trackingNumber, String signedOffBy, String decision, String note) {
        cases.record(trackingNumber, signedOffBy, CaseEventType.SIGNED_OFF, decisionLabel(decision) + "：" + note);
    }

    /**
     * Back to handling as the leader decided: another department and/or a new limit; the ladder starts over. The
     * model dispatches the case again: status and the handler's notice come from there.
     */
    Map<String, Object> applySignoff(String trackingNumber, String decision, String department, Number limitDays) {
        Map<String, Object> variables = new HashMap<>();
        if (SignoffProcess.ASSIGN_DEPARTMENT.equals(decision)) {
            String name = registry.department(department).map(Registry.DepartmentRef::name).orElse(department);
            variables.put(DEPARTMENT_CODE, department);
            variables.put(HANDLER_GROUP, GroupIds.department(department));
            variables.put(HANDLER_NAME, name);
            cases.route(trackingNumber, null, department, GroupIds.department(department), null,
                    CaseEventType.DISPATCHED, "按领导签批改派 " + name);
        }
        variables.putAll(deadlines.newLimit(trackingNumber, limitDays == null ? 5 : limitDays.intValue()));
        variables.put(ESCALATION_LEVEL, 0);
        cases.escalationLevel(trackingNumber, 0, null);
        return variables;
    }

    static String decisionLabel(String decision) {
        if (decision == null) {
            return "";
        }
        return switch (decision) {
            case SignoffProcess.ASSIGN_DEPARTMENT -> "改派部门";
            case SignoffProcess.NEW_LIMIT -> "重定时限";
            case SignoffProcess.MERGE -> "合并";
            case SignoffProcess.CLOSE_UNRESOLVABLE -> "无法解决，结案";
            default -> decision;
        };
    }

    private CaseFile file(String trackingNumber) {
        return cases.find(trackingNumber).orElseThrow();
    }
}

package org.gridcase.request;

import static org.gridcase.casefile.CaseVariables.*;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.gridcase.casefile.CaseAlerts;
import org.gridcase.casefile.CaseDeadlines;
import org.gridcase.casefile.CaseEventType;
import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.CaseStatus;
import org.gridcase.casefile.Cases;
import org.gridcase.registry.GroupIds;
import org.springframework.stereotype.Service;

/** What each automatic step of {@code request.bpmn} does to the case; the delegates only adapt variables. */
@Service
class RequestSteps {

    private final Cases cases;
    private final RequestRouting routing;
    private final CaseDeadlines deadlines;
    private final CaseAlerts alerts;

    RequestSteps(Cases cases, RequestRouting routing, CaseDeadlines deadlines, CaseAlerts alerts) {
        this.cases = cases;
        this.routing = routing;
        this.deadlines = deadlines;
        this.alerts = alerts;
    }

    void route(DelegateExecution execution) {
        String tn = (String) execution.getVariable(TRACKING_NUMBER);
        RequestRouting.Route route = routing.route((String) execution.getVariable(CATEGORY),
                (String) execution.getVariable(GRID_CODE));
        execution.setVariable(FIRST_HANDLER, route.firstHandler());
        execution.setVariable(DEPARTMENT_CODE, route.departmentCode());
        execution.setVariable(RequestProcess.SITE_CHECK, route.siteCheck());
        execution.setVariable(VERIFY_GROUP, route.verifyGroup());
        execution.setVariable(HANDLER_GROUP, route.handlerGroup());
        execution.setVariable(HANDLER_NAME, route.handlerName());
        cases.route(tn, null, route.departmentCode(), route.handlerGroup(), null, CaseEventType.ROUTED,
                "首办：" + route.handlerName() + (route.siteCheck() ? "，需现场核实" : ""));
        cases.moveTo(tn, CaseStatus.VERIFYING);
    }

    void dispatch(DelegateExecution execution) {
        String tn = (String) execution.getVariable(TRACKING_NUMBER);
        String group = (String) execution.getVariable(HANDLER_GROUP);
        cases.status(tn, CaseStatus.HANDLING, null, CaseEventType.DISPATCHED,
                "派至 " + execution.getVariable(HANDLER_NAME));
        CaseFile file = file(tn);
        alerts.toGroup(group, "TASK_ASSIGNED", file, "dispatch-" + group + "-" + file.getHandlingDueAt(),
                Map.of("taskName", "办理诉求"));
    }

    void transferToDepartment(DelegateExecution execution) {
        String tn = (String) execution.getVariable(TRACKING_NUMBER);
        String department = (String) execution.getVariable(DEPARTMENT_CODE);
        reassign(execution, tn, null, GroupIds.department(department), department,
                routing.departmentName(department), CaseEventType.DISPATCHED, "网格无法解决，转 " + routing.departmentName(department));
    }

    void redispatch(DelegateExecution execution) {
        String tn = (String) execution.getVariable(TRACKING_NUMBER);
        String note = (String) execution.getVariable(REDISPATCH_NOTE);
        if ("GRID".equals(execution.getVariable(REDISPATCH_TARGET))) {
            String grid = (String) execution.getVariable(REDISPATCH_GRID);
            execution.setVariable(GRID_CODE, grid);
            execution.setVariable(GRID_NAME, routing.gridName(grid));
            reassign(execution, tn, grid, GroupIds.area(grid), null, routing.gridName(grid), CaseEventType.REDISPATCHED,
                    "改派 " + routing.gridName(grid) + "：" + note);
        } else {
            String department = (String) execution.getVariable(REDISPATCH_DEPARTMENT);
            reassign(execution, tn, null, GroupIds.department(department), department,
                    routing.departmentName(department), CaseEventType.REDISPATCHED, "改派 " + routing.departmentName(department) + "：" + note);
        }
    }

    /** The reporter was not satisfied: the case goes back to its handler with a fresh limit. */
    void reopen(DelegateExecution execution) {
        String tn = (String) execution.getVariable(TRACKING_NUMBER);
        int reopenCount = ((Number) execution.getVariable(REOPEN_COUNT)).intValue() + 1;
        int max = ((Number) execution.getVariable(MAX_REOPENS)).intValue();
        execution.setVariable(REOPEN_COUNT, reopenCount);
        execution.setVariable(ESCALATION_LEVEL, 0);
        cases.reopen(tn, "诉求人不满意，第 " + reopenCount + " 次重新办理：" + orEmpty(execution.getVariable(SURVEY_COMMENT)));
        cases.escalationLevel(tn, 0, null);
        if (reopenCount >= max) {
            execution.setVariable(SIGNOFF_REASON, "诉求人不满意，已重新办理 " + reopenCount + " 次");
        }
        // the model dispatches the case again: status, timeline and the handler's notice come from there
        deadlines.schedule(execution);
    }

    private void reassign(DelegateExecution execution, String tn, String grid, String group, String department,
            String name, CaseEventType type, String note) {
        execution.setVariable(HANDLER_GROUP, group);
        execution.setVariable(HANDLER_NAME, name);
        if (department != null) {
            execution.setVariable(DEPARTMENT_CODE, department);
        }
        CaseFile before = file(tn);
        cases.route(tn, grid, department != null ? department : before.getDepartmentCode(), group, null, type, note);
        cases.status(tn, CaseStatus.HANDLING, null, CaseEventType.DISPATCHED, "派至 " + name);
        alerts.toGroup(group, "TASK_ASSIGNED", file(tn), type.name() + "-" + group, Map.of("taskName", "办理诉求"));
    }

    private CaseFile file(String tn) {
        return cases.find(tn).orElseThrow();
    }

    private static String orEmpty(Object value) {
        return value == null ? "" : value.toString();
    }

}

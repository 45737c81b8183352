package org.gridcase.request;

import static org.gridcase.casefile.CaseVariables.*;

import java.util.HashMap;
import java.util.Map;

import org.gridcase.casefile.CaseAlerts;
import org.gridcase.casefile.CaseDeadlines;
import org.gridcase.casefile.CaseEventType;
import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.CaseStatus;
import org.gridcase.casefile.Cases;
import org.gridcase.registry.GroupIds;
import org.springframework.stereotype.Service;

/**
 * What each automatic step of {@code request.bpmn} does to the case. Each takes what the model knows and answers
 * the variables the model reads next; the delegates only adapt.
 */
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

    Map<String, Object> route(String tn, String category, String gridCode) {
        RequestRouting.Route route = routing.route(category, gridCode);
        cases.route(tn, null, route.departmentCode(), route.handlerGroup(), null, CaseEventType.ROUTED,
                "首办：" + route.handlerName() + (route.siteCheck() ? "，需现场核实" : ""));
        cases.moveTo(tn, CaseStatus.VERIFYING);
        Map<String, Object> variables = new HashMap<>();
        variables.put(FIRST_HANDLER, route.firstHandler());
        variables.put(DEPARTMENT_CODE, route.departmentCode());
        variables.put(RequestProcess.SITE_CHECK, route.siteCheck());
        variables.put(VERIFY_GROUP, route.verifyGroup());
        variables.put(HANDLER_GROUP, route.handlerGroup());
        variables.put(HANDLER_NAME, route.handlerName());
        return variables;
    }

    void dispatch(String tn, String group, String handlerName) {
        cases.status(tn, CaseStatus.HANDLING, null, CaseEventType.DISPATCHED, "派至 " + handlerName);
        CaseFile file = file(tn);
        alerts.toGroup(group, "TASK_ASSIGNED", file, "dispatch-" + group + "-" + file.getHandlingDueAt(), Map.of());
    }

    Map<String, Object> transferToDepartment(String tn, String department) {
        String name = routing.departmentName(department);
        return reassign(tn, null, GroupIds.department(department), department, name, CaseEventType.DISPATCHED,
                "网格无法解决，转 " + name);
    }

    Map<String, Object> redispatch(String tn, String target, String grid, String department, String note) {
        if ("GRID".equals(target)) {
            String name = routing.gridName(grid);
            Map<String, Object> variables = reassign(tn, grid, GroupIds.area(grid), null, name,
                    CaseEventType.REDISPATCHED, "改派 " + name + "：" + note);
            variables.put(GRID_CODE, grid);
            variables.put(GRID_NAME, name);
            return variables;
        }
        String name = routing.departmentName(department);
        return reassign(tn, null, GroupIds.department(department), department, name, CaseEventType.REDISPATCHED,
                "改派 " + name + "：" + note);
    }

    /** The reporter was not satisfied: the case goes back to its handler with fresh limits and a fresh ladder. */
    Map<String, Object> reopen(String tn, int reopenCount, int maxReopens, Object comment) {
        int count = reopenCount + 1;
        cases.reopen(tn, "反映人不满意，第 " + count + " 次重新办理：" + (comment == null ? "" : comment));
        cases.escalationLevel(tn, 0, null);
        Map<String, Object> variables = new HashMap<>(deadlines.schedule(tn, null));
        variables.put(REOPEN_COUNT, count);
        variables.put(ESCALATION_LEVEL, 0);
        // the handler starts afresh: the form shows the complaint in the case's story, not the old answer
        variables.put(RequestProcess.HANDLING_OUTCOME, null);
        variables.put(RequestProcess.HANDLING_NOTE, null);
        variables.put(RequestProcess.EVIDENCE, null);
        if (count >= maxReopens) {
            variables.put(SIGNOFF_REASON, "反映人不满意，已重新办理 " + count + " 次");
        }
        // the model dispatches the case again: status, timeline and the handler's notice come from there
        return variables;
    }

    private Map<String, Object> reassign(String tn, String grid, String group, String department, String name,
            CaseEventType type, String note) {
        CaseFile before = file(tn);
        cases.route(tn, grid, department != null ? department : before.getDepartmentCode(), group, null, type, note);
        cases.status(tn, CaseStatus.HANDLING, null, CaseEventType.DISPATCHED, "派至 " + name);
        alerts.toGroup(group, "TASK_ASSIGNED", file(tn), type.name() + "-" + group, Map.of());
        Map<String, Object> variables = new HashMap<>();
        variables.put(HANDLER_GROUP, group);
        variables.put(HANDLER_NAME, name);
        if (department != null) {
            variables.put(DEPARTMENT_CODE, department);
        }
        return variables;
    }

    private CaseFile file(String tn) {
        return cases.find(tn).orElseThrow();
    }
}

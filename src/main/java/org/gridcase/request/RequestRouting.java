package org.gridcase.request;

import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.gridcase.registry.GroupIds;
import org.gridcase.registry.Registry;
import org.springframework.stereotype.Service;

/**
 * Who verifies and who handles a request, from {@code request-routing.dmn}: the location has picked the grid,
 * the category picks the first handler and the department. Small matters stay in the grid (小事不出网格).
 */
@Service
public class RequestRouting {

    private final DecisionService decisions;
    private final Registry registry;

    RequestRouting(DecisionService decisions, Registry registry) {
        this.decisions = decisions;
        this.registry = registry;
    }

    /** The route of a request: first handler (GRID, DEPARTMENT, HOTLINE), groups and a readable handler name. */
    public record Route(String firstHandler, String departmentCode, boolean siteCheck, String verifyGroup,
            String handlerGroup, String handlerName) {
    }

    public Route route(String category, String gridCode) {
        DmnDecisionRuleResult row = decisions.evaluateDecisionTableByKey(RequestProcess.ROUTING_DECISION,
                Variables.createVariables().putValue("category", category)).getSingleResult();
        if (row == null) {
            throw new IllegalStateException("request-routing.dmn has no rule for category " + category);
        }
        String firstHandler = (String) row.get("firstHandler");
        String department = (String) row.get("departmentCode");
        boolean siteCheck = Boolean.TRUE.equals(row.get("siteCheck"));
        String verifyGroup = siteCheck && gridCode != null ? GroupIds.area(gridCode) : "dispatchers";
        if (RequestProcess.FIRST_HANDLER_GRID.equals(firstHandler) && gridCode != null) {
            return new Route(firstHandler, department, siteCheck, verifyGroup, GroupIds.area(gridCode),
                    gridName(gridCode));
        }
        if (RequestProcess.FIRST_HANDLER_HOTLINE.equals(firstHandler)) {
            return new Route(firstHandler, null, false, "dispatchers", "dispatchers", "热线");
        }
        // GRID without a known grid falls to the department, as does every DEPARTMENT route
        return new Route("DEPARTMENT", department, siteCheck, verifyGroup, GroupIds.department(department),
                departmentName(department));
    }

    public String gridName(String gridCode) {
        return registry.area(gridCode).map(Registry.AreaRef::name).orElse(gridCode);
    }

    public String departmentName(String departmentCode) {
        return registry.department(departmentCode).map(Registry.DepartmentRef::name).orElse(departmentCode);
    }
}

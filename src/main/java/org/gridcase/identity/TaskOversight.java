package org.gridcase.identity;

import java.util.LinkedHashSet;
import java.util.Set;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.gridcase.registry.GroupIds;
import org.gridcase.registry.Registry;
import org.gridcase.support.TaskCreateListener;
import org.springframework.stereotype.Component;

/**
 * When a task is created for a grid or a department, the staff of the areas above it (community, town: their
 * {@code area-…} groups, where leaders and dispatchers are members) may read it. Candidates themselves get their
 * permissions from the engine. Registered on every user task by {@link OversightParseListener}.
 */
@Component
class TaskOversight implements TaskCreateListener {

    private final Registry registry;
    private final AuthorizationService authorizationService;

    TaskOversight(Registry registry, AuthorizationService authorizationService) {
        this.registry = registry;
        this.authorizationService = authorizationService;
    }

    @Override
    public void notify(DelegateTask task) {
        Set<String> overseers = new LinkedHashSet<>();
        for (IdentityLink link : task.getCandidates()) {
            if (!IdentityLinkType.CANDIDATE.equals(link.getType()) || link.getGroupId() == null) {
                continue;
            }
            String areaCode = GroupIds.areaCodeOf(link.getGroupId());
            String departmentCode = GroupIds.departmentCodeOf(link.getGroupId());
            if (areaCode != null) {
                registry.lineage(areaCode).stream().skip(1).forEach(a -> overseers.add(GroupIds.area(a.code())));
            } else if (departmentCode != null) {
                registry.department(departmentCode).map(Registry.DepartmentRef::areaCode).ifPresent(
                        area -> registry.lineage(area).forEach(a -> overseers.add(GroupIds.area(a.code()))));
            }
        }
        if (overseers.isEmpty()) {
            return;
        }
        // the user who completed the previous task may not create authorizations: this is the engine's own doing
        Context.getCommandContext().runWithoutAuthorization(() -> {
            for (String group : overseers) {
                Authorization auth = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                auth.setGroupId(group);
                auth.setResource(Resources.TASK);
                auth.setResourceId(task.getId());
                auth.addPermission(Permissions.READ);
                authorizationService.saveAuthorization(auth);
            }
            return null;
        });
    }
}

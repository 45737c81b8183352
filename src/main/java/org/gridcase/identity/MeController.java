package org.gridcase.identity;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the caller is and which of Tasklist's own buttons it can use, so the webapps show only those
 * ({@code webjars/camunda/app/tasklist/scripts/gridcase-tasklist.js}): 启动流程 only when a process definition is
 * startable by this login in Tasklist, 创建任务 only with CREATE on tasks, the filter pencil only with UPDATE on
 * filters; Cockpit's 人工任务 page only with READ on every task. The engine's authorizations stay the rule; this only keeps staff from being offered what would be
 * refused.
 */
@RestController
class MeController {

    record Me(String login, String name, List<String> groups, Tasklist tasklist, Cockpit cockpit) {
    }

    record Tasklist(boolean startProcess, boolean createTask, boolean editFilters) {
    }

    /** {@code taskReport}: Cockpit's 人工任务 page, which counts every open task by group (READ on all tasks). */
    record Cockpit(boolean taskReport) {
    }

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final RepositoryService repositoryService;

    MeController(IdentityService identityService, AuthorizationService authorizationService,
            RepositoryService repositoryService) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.repositoryService = repositoryService;
    }

    @GetMapping("/api/me")
    Me me(Authentication caller) {
        String login = caller.getName();
        List<String> groups = identityService.createGroupQuery().groupMember(login).list().stream().map(Group::getId)
                .sorted().toList();
        User user = identityService.createUserQuery().userId(login).singleResult();
        String name = user == null ? login
                : (nullToEmpty(user.getLastName()) + nullToEmpty(user.getFirstName())).strip();
        // the same query as Tasklist's 启动流程 dialog; runs as the caller (EngineAuthenticationFilter)
        boolean startProcess = repositoryService.createProcessDefinitionQuery().startableInTasklist()
                .startablePermissionCheck().latestVersion().active().count() > 0;
        boolean createTask = authorizationService.isUserAuthorized(login, groups, Permissions.CREATE, Resources.TASK);
        boolean editFilters = authorizationService.isUserAuthorized(login, groups, Permissions.UPDATE,
                Resources.FILTER);
        boolean taskReport = authorizationService.isUserAuthorized(login, groups, Permissions.READ, Resources.TASK);
        return new Me(login, name.isEmpty() ? login : name, groups,
                new Tasklist(startProcess, createTask, editFilters), new Cockpit(taskReport));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

package org.gridcase.identity;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.gridcase.casefile.CaseVariables;
import org.gridcase.registry.GroupIds;
import org.gridcase.registry.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * At every start: an administrator exists, the role groups exist with the authorizations their work needs, and the
 * Tasklist filters staff start from exist, readable by the right groups. Ordinary users get no CREATE on filters:
 * a filter can run expressions. Idempotent.
 */
@Component
@Order(0)
class AccessBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AccessBootstrap.class);

    /** Groups that work cases in Tasklist. */
    static final List<Role> STAFF = List.of(Role.GRID_WORKER, Role.GRID_LEADER, Role.DISPATCHER,
            Role.DEPARTMENT_STAFF, Role.MEDIATOR, Role.ENFORCEMENT_OFFICER, Role.LEADER, Role.PROCESS_OWNER);
    /** Groups that watch a whole town: Cockpit, every case's process instance. */
    static final List<Role> OVERSEERS = List.of(Role.DISPATCHER, Role.LEADER, Role.PROCESS_OWNER);

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;
    private final FilterService filterService;
    private final TaskService taskService;
    private final IdentityProperties properties;

    AccessBootstrap(IdentityService identityService, AuthorizationService authorizationService,
            FilterService filterService, TaskService taskService, IdentityProperties properties) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
        this.filterService = filterService;
        this.taskService = taskService;
        this.properties = properties;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        ensureAdministrator();
        for (Role role : Role.values()) {
            ensureGroup(GroupIds.role(role), role.label());
        }
        for (Role role : STAFF) {
            String group = GroupIds.role(role);
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(group, Resources.PROCESS_DEFINITION, ANY, Permissions.READ);
        }
        for (Role role : OVERSEERS) {
            String group = GroupIds.role(role);
            grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
            grant(group, Resources.PROCESS_DEFINITION, ANY, Permissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
                    ProcessDefinitionPermissions.READ_HISTORY);
            grant(group, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
            grant(group, Resources.DECISION_DEFINITION, ANY, Permissions.READ);
        }
        String owners = GroupIds.role(Role.PROCESS_OWNER);
        grant(owners, Resources.DEPLOYMENT, ANY, Permissions.ALL);
        grant(owners, Resources.PROCESS_DEFINITION, ANY, Permissions.ALL);
        grant(owners, Resources.DECISION_DEFINITION, ANY, Permissions.ALL);
        grant(owners, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.ALL);
        // Cockpit's 人工任务 page counts every open task by group: process owners tune the processes, so they read all
        // tasks; leaders and dispatchers read the tasks of their own areas only, and Cockpit does not offer them that
        // page (webjars/camunda/app/cockpit/scripts/gridcase-cockpit.js, GET /api/me)
        grant(owners, Resources.TASK, ANY, Permissions.READ);
        ensureFilters();
    }

    private void ensureAdministrator() {
        if (identityService.createUserQuery().memberOfGroup(GroupIds.ADMINS).count() > 0) {
            return;
        }
        IdentityProperties.Admin admin = properties.admin();
        if (admin == null || blank(admin.userId()) || blank(admin.password())) {
            throw new IllegalStateException("The camunda-admin group has no member. Set GRIDCASE_ADMIN_USER and "
                    + "GRIDCASE_ADMIN_PASSWORD for the first administrator, or run with the demo profile.");
        }
        User user = identityService.createUserQuery().userId(admin.userId()).singleResult();
        if (user == null) {
            user = identityService.newUser(admin.userId());
            user.setFirstName("系统管理员");
            user.setLastName("");
            user.setPassword(admin.password());
            identityService.saveUser(user);
        }
        ensureGroup(GroupIds.ADMINS, "系统管理员");
        identityService.createMembership(admin.userId(), GroupIds.ADMINS);
        for (Resources resource : Resources.values()) {
            grant(GroupIds.ADMINS, resource, ANY, Permissions.ALL);
        }
        log.warn("Created the first administrator '{}' from GRIDCASE_ADMIN_USER; change its password in Admin.",
                admin.userId());
    }

    private void ensureFilters() {
        // staff land on the first filter: their unit's unclaimed work, then what they claimed
        Map<String, Object> mine = properties(-10, "分配给我的任务，按到期时间排序");
        filter("我的任务", taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}")
                .orderByDueDate().asc(), mine, null);
        Map<String, Object> groups = properties(-20, "我所在网格、部门的待认领任务，认领后即可办理");
        filter("我的待办", taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                .taskUnassigned().orderByDueDate().asc(), groups, null);
        filter("即将超期", taskService.createTaskQuery().followUpBeforeExpression("${now()}")
                .dueAfterExpression("${now()}").orderByDueDate().asc(),
                properties(-5, "黄灯：已过提醒点、尚未到期的任务"), null);
        filter("已超期", taskService.createTaskQuery().dueBeforeExpression("${now()}").orderByDueDate().asc(),
                properties(-4, "红灯：已超过办结时限的任务"), null);
        filter("督办", taskService.createTaskQuery().taskVariableValueEquals(CaseVariables.SUPERVISED, true)
                .orderByDueDate().asc(), properties(-3, "领导或指挥中心督办的案件的全部任务（含督促、签批、回访）"), null);
        Map<String, Object> all = properties(0, "辖区内全部在办任务（领导、调度员）");
        filter("辖区全部任务", taskService.createTaskQuery().orderByDueDate().asc(), all,
                List.of(GroupIds.role(Role.LEADER), GroupIds.role(Role.DISPATCHER), GroupIds.ADMINS));
    }

    /**
     * Creates the filter or refreshes its query, and grants READ: to every user when {@code readers} is null,
     * else to those groups.
     */
    void filter(String name, TaskQuery query, Map<String, Object> props, List<String> readers) {
        Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filterService.newTaskFilter(name);
        }
        filter.setQuery(query);
        filter.setProperties(props);
        filterService.saveFilter(filter);
        if (readers == null) {
            grantEveryone(Resources.FILTER, filter.getId(), Permissions.READ);
        } else {
            for (String group : readers) {
                grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
            }
        }
    }

    /** Tasklist shows these variables on every task of the list: which case it is, where, how urgent. */
    static final List<Map<String, String>> LIST_VARIABLES = List.of(
            Map.of("name", "trackingNumber", "label", "编号"),
            Map.of("name", "categoryName", "label", "分类"),
            Map.of("name", "gridName", "label", "网格"),
            Map.of("name", "handlingDueText", "label", "办结时限"));

    static Map<String, Object> properties(int priority, String description) {
        return Map.of("priority", priority, "description", description, "refresh", true,
                "showUndefinedVariable", false, "variables", LIST_VARIABLES);
    }

    private void ensureGroup(String id, String name) {
        if (identityService.createGroupQuery().groupId(id).count() == 0) {
            Group group = identityService.newGroup(id);
            group.setName(name);
            group.setType(GroupIds.ADMINS.equals(id) ? "SYSTEM" : "ROLE");
            identityService.saveGroup(group);
        }
    }

    void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization auth = authorizationService.createAuthorizationQuery().groupIdIn(groupId)
                .resourceType(resource).resourceId(resourceId).authorizationType(AUTH_TYPE_GRANT).singleResult();
        if (auth == null) {
            auth = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
            auth.setGroupId(groupId);
            auth.setResource(resource);
            auth.setResourceId(resourceId);
        }
        for (Permission p : permissions) {
            auth.addPermission(p);
        }
        authorizationService.saveAuthorization(auth);
    }

    private void grantEveryone(Resource resource, String resourceId, Permission permission) {
        Authorization auth = authorizationService.createAuthorizationQuery().userIdIn(ANY)
                .resourceType(resource).resourceId(resourceId).singleResult();
        if (auth == null) {
            auth = authorizationService.createNewAuthorization(AUTH_TYPE_GLOBAL);
            auth.setUserId(ANY);
            auth.setResource(resource);
            auth.setResourceId(resourceId);
        }
        auth.addPermission(permission);
        authorizationService.saveAuthorization(auth);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

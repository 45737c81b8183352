package org.gridcase.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.gridcase.GridCaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link CallerGroupAuthorizations}: the engine checks authorizations with the caller's groups as they are, and every
 * login sees and may do exactly what the engine's own group filter allowed.
 */
class CallerGroupAuthorizationsTest extends GridCaseTest {

    /** A group no authorization names: the engine's filter drops it, GridCase's keeps it. */
    private static final String GROUP_WITHOUT_AUTHORIZATIONS = "gridcase-test-no-authorizations";

    @Autowired
    ProcessEngineConfigurationImpl configuration;
    @Autowired
    IdentityService identityService;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    TaskService taskService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    FilterService filterService;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyEngineCommandChecksWithTheCallersGroupsAsTheyAre() {
        List<String> groups = List.of("grid-SFZ-C01-G01", GROUP_WITHOUT_AUTHORIZATIONS, "grid-SFZ-C01-G01");
        List<String> used = configuration.getCommandExecutorTxRequired().execute(c -> {
            assertThat(c.getAuthorizationManager()).isInstanceOf(CallerGroupAuthorizations.CallerGroupsAsTheyAre.class);
            return c.getAuthorizationManager().filterAuthenticatedGroupIds(groups);
        });
        // each once, in the caller's order; none dropped
        assertThat(used).containsExactly("grid-SFZ-C01-G01", GROUP_WITHOUT_AUTHORIZATIONS);
        List<String> none = configuration.getCommandExecutorTxRequired().execute(
                c -> c.getAuthorizationManager().filterAuthenticatedGroupIds(List.of()));
        assertThat(none).isEmpty();
    }

    @Test
    void everyLoginSeesAndMayDoWhatTheEnginesOwnGroupFilterAllowed() {
        Set<String> groupsWithAuthorizations = new HashSet<>(jdbc.queryForList(
                "select distinct GROUP_ID_ from ACT_RU_AUTHORIZATION where GROUP_ID_ is not null", String.class));
        List<User> users = identityService.createUserQuery().list();
        assertThat(users).extracting(User::getId).contains("zhangwei", "wulei", "lizhenhua", "chenxiaoyan", "admin");
        int tasksSeen = 0;
        for (User user : users) {
            List<String> groups = new ArrayList<>(identityService.createGroupQuery().groupMember(user.getId()).list()
                    .stream().map(Group::getId).toList());
            groups.add(GROUP_WITHOUT_AUTHORIZATIONS);
            // what the engine's own AuthorizationManager would have kept: the groups that some authorization names
            List<String> filtered = groups.stream().filter(groupsWithAuthorizations::contains).toList();
            assertThat(filtered).as("%s's groups, filtered", user.getId()).doesNotContain(GROUP_WITHOUT_AUTHORIZATIONS);

            Seen asTheyAre = seenBy(user.getId(), groups);
            Seen asFiltered = seenBy(user.getId(), filtered);
            assertThat(asTheyAre).as("what %s sees and may do", user.getId()).isEqualTo(asFiltered);
            tasksSeen += asTheyAre.tasks().size();
        }
        // not a comparison of nothing: the demo town's open tasks were seen by their grids and the areas above
        assertThat(tasksSeen).isPositive();
        assertThat(seenBy("zhangwei", groupsOf("zhangwei")).tasks()).isNotEmpty();
        assertThat(seenBy("zhangwei", groupsOf("zhangwei")).tasks())
                .doesNotContainAnyElementsOf(seenBy("wulei", groupsOf("wulei")).tasks());
    }

    record Seen(Set<String> tasks, Set<String> instances, long history, Set<String> filters,
            Set<String> definitions, List<Boolean> permissions) {
    }

    private Seen seenBy(String user, List<String> groups) {
        return as(user, groups, () -> new Seen(
                ids(taskService.createTaskQuery().list().stream().map(Task::getId).toList()),
                ids(runtimeService.createProcessInstanceQuery().list().stream().map(p -> p.getId()).toList()),
                historyService.createHistoricProcessInstanceQuery().count(),
                ids(filterService.createFilterQuery().list().stream().map(f -> f.getId()).toList()),
                ids(repositoryService.createProcessDefinitionQuery().startableInTasklist().startablePermissionCheck()
                        .list().stream().map(d -> d.getId()).toList()),
                permissions(user, groups)));
    }

    private List<Boolean> permissions(String user, List<String> groups) {
        List<Boolean> answers = new ArrayList<>();
        Object[][] checks = {{Permissions.READ, Resources.TASK}, {Permissions.CREATE, Resources.TASK},
                {Permissions.UPDATE, Resources.FILTER}, {Permissions.READ, Resources.USER},
                {Permissions.CREATE, Resources.AUTHORIZATION}, {Permissions.ACCESS, Resources.APPLICATION}};
        for (Object[] check : checks) {
            answers.add(authorizationService.isUserAuthorized(user, groups, (Permission) check[0],
                    (Resource) check[1]));
        }
        return answers;
    }

    private List<String> groupsOf(String user) {
        return identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
    }

    private <T> T as(String user, List<String> groups, Supplier<T> work) {
        identityService.setAuthentication(user, groups);
        try {
            return work.get();
        } finally {
            identityService.clearAuthentication();
        }
    }

    private static Set<String> ids(List<String> ids) {
        return new HashSet<>(ids);
    }
}

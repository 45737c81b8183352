package org.gridcase.identity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * The engine's authorization checks use the caller's groups as they are, without first reading every group that has
 * an authorization.
 * <p>
 * Camunda's {@code AuthorizationManager} shortens the caller's group list before every check. To do it, it reads
 * {@code SELECT DISTINCT GROUP_ID_ FROM ACT_RU_AUTHORIZATION} once in each engine command and keeps only the caller's
 * groups that appear there. GridCase has a group for every area and department (3,000 grids make 3,300 groups with
 * authorizations), and every open task has authorization rows. So at a city's scale that query scanned the group index
 * of 250,000 rows and built a set of 3,300 ids: 11 ms, about six times per engine REST call (docs/benchmarks.md "Task
 * list and case search at scale"). That was most of what a grid worker waited for on a short Tasklist page.
 * <p>
 * The result is the same without the shortening. A group with no authorization matches no row in the checks'
 * {@code GROUP_ID_ IN (…)}, so leaving it in the list grants nothing and refuses nothing, and staff have only a
 * handful of groups each. {@code CallerGroupAuthorizationsTest} shows that the same callers see and may do exactly
 * what they could before.
 */
@Component
class CallerGroupAuthorizations extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<SessionFactory> factories = configuration.getCustomSessionFactories() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomSessionFactories());
        // a custom factory replaces the engine's own for the same session type (initSessionFactories)
        factories.add(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return AuthorizationManager.class;
            }

            @Override
            public Session openSession() {
                return new CallerGroupsAsTheyAre();
            }
        });
        configuration.setCustomSessionFactories(factories);
    }

    /** Camunda's manager with one change: the caller's groups are not filtered against the authorization table. */
    static final class CallerGroupsAsTheyAre extends AuthorizationManager {

        @Override
        public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
            if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()) {
                // MyBatis calls size() on it by reflection: a plain, mutable list (as the engine's own EMPTY_LIST)
                return new ArrayList<>();
            }
            return new ArrayList<>(new LinkedHashSet<>(authenticatedGroupIds));
        }
    }
}

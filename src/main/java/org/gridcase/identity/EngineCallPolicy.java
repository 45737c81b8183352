package org.gridcase.identity;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gridcase.registry.GroupIds;
import org.gridcase.registry.Role;

/**
 * Which state-changing calls of the engine API (engine REST and the webapps' engine API) a caller may make. Reads
 * (GET, HEAD, OPTIONS) are left to Camunda's authorizations. Administrators may make every call; everybody else only
 * what working tasks in Tasklist and watching cases in Cockpit needs, listed here; process owners also deploy and
 * manage definitions. Everything not listed is refused: variable writes of every kind, messages, signals, conditions,
 * instance modification, restart and migration, jobs, external tasks, task updates, reassignment and identity links,
 * process starts, incidents, batches, history deletion, identity and authorization changes.
 * <p>
 * Paths are engine-relative ({@code /task/…}), as {@link EngineRequestGuard#enginePath} makes them.
 */
final class EngineCallPolicy {

    enum Verdict {
        /** Let the engine decide (its authorizations still apply). */
        ALLOW,
        /** Refuse with 403. */
        DENY,
        /** A task completion: the variables must pass the task form's allowlist. */
        COMPLETE,
        /** A claim: only for oneself. */
        CLAIM_FOR_SELF,
        /** A profile or password change: only of oneself. */
        OWN_ACCOUNT
    }

    /** A decision and the task or user id its rule needs. */
    record Decision(Verdict verdict, String id) {
    }

    private record Rule(String method, Pattern path, Verdict verdict) {
    }

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    /** POST queries and counts (the engine's query endpoints that take the query as a JSON body). */
    private static final Pattern QUERY = Pattern.compile("/(task|process-instance|execution|variable-instance|job"
            + "|job-definition|external-task|group|case-instance|case-execution|activity-instance|job-log"
            + "|external-task-log|history/(activity-instance|case-instance|detail|external-task-log|job-log"
            + "|process-instance|task|variable-instance))(/count)?");

    private static final List<Rule> STAFF = List.of(
            new Rule("POST", QUERY, Verdict.ALLOW),
            new Rule("POST", Pattern.compile("/filter/[^/]+/(list|count|singleResult)"), Verdict.ALLOW),
            new Rule("POST", Pattern.compile("/task/([^/]+)/(complete|submit-form|resolve)"), Verdict.COMPLETE),
            new Rule("POST", Pattern.compile("/task/([^/]+)/claim"), Verdict.CLAIM_FOR_SELF),
            new Rule("POST", Pattern.compile("/task/[^/]+/unclaim"), Verdict.ALLOW),
            new Rule("POST", Pattern.compile("/task/[^/]+/comment/create"), Verdict.ALLOW),
            new Rule("PUT", Pattern.compile("/user/([^/]+)/(profile|credentials)"), Verdict.OWN_ACCOUNT),
            new Rule("POST", Pattern.compile("/identity/password-policy"), Verdict.ALLOW));

    private static final String DEFINITION = "/(process|decision)-definition/([^/]+|key/[^/]+(/tenant-id/[^/]+)?)";

    private static final List<Rule> PROCESS_OWNERS = List.of(
            new Rule("POST", Pattern.compile("/deployment/create"), Verdict.ALLOW),
            new Rule("POST", Pattern.compile("/deployment/[^/]+/redeploy"), Verdict.ALLOW),
            new Rule("DELETE", Pattern.compile("/deployment/[^/]+"), Verdict.ALLOW),
            new Rule("DELETE", Pattern.compile("/process-definition/([^/]+|key/[^/]+(/tenant-id/[^/]+)?(/delete)?)"),
                    Verdict.ALLOW),
            new Rule("PUT", Pattern.compile("/process-definition/(suspended|[^/]+/suspended"
                    + "|key/[^/]+(/tenant-id/[^/]+)?/suspended)"), Verdict.ALLOW),
            new Rule("PUT", Pattern.compile(DEFINITION + "/history-time-to-live"), Verdict.ALLOW));

    private EngineCallPolicy() {
    }

    static Decision decide(String method, String path, Caller caller) {
        if (SAFE.contains(method) || caller.admin()) {
            return new Decision(Verdict.ALLOW, null);
        }
        Decision decision = match(STAFF, method, path);
        if (decision == null && caller.processOwner()) {
            decision = match(PROCESS_OWNERS, method, path);
        }
        return decision == null ? new Decision(Verdict.DENY, null) : decision;
    }

    private static Decision match(List<Rule> rules, String method, String path) {
        for (Rule rule : rules) {
            Matcher m = rule.path().matcher(path);
            if (rule.method().equals(method) && m.matches()) {
                return new Decision(rule.verdict(), m.groupCount() > 0 ? m.group(1) : null);
            }
        }
        return null;
    }

    /**
     * Filters are created and changed by administrators only (ordinary users have no CREATE on filters); their stored
     * queries may hold expressions such as {@code ${currentUser()}}, the one place expressions may come in.
     */
    static boolean storesAQuery(String method, String path, Caller caller) {
        return caller.admin() && ("POST".equals(method) && "/filter/create".equals(path)
                || "PUT".equals(method) && path.matches("/filter/[^/]+"));
    }

    /** Who calls: a user id (null when nobody is logged in) and that user's groups. */
    record Caller(String userId, Set<String> groups) {

        static final Caller NOBODY = new Caller(null, Set.of());

        boolean admin() {
            return groups.contains(GroupIds.ADMINS);
        }

        boolean processOwner() {
            return groups.contains(GroupIds.role(Role.PROCESS_OWNER));
        }
    }
}

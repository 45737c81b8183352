package org.gridcase.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.gridcase.GridCaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

/** Who may call what: HTTP Basic against the Camunda users on the API, the engine REST API and actuator. */
class SecurityTest extends GridCaseTest {

    @Test
    void anAnonymousApiCallIsA401ProblemWithABasicChallenge() {
        ResponseEntity<JsonNode> response = rest.getForEntity("/api/registry/areas", JsonNode.class);

        assertProblem(response, 401);
        assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic realm=\"GridCase\"");
    }

    @Test
    void anAnonymousEngineRestCallIsA401() {
        assertProblem(rest.getForEntity("/engine-rest/task", JsonNode.class), 401);
    }

    @Test
    void aWrongPasswordIsA401() {
        // a login no other test uses: Camunda delays the next login of a user after a failed attempt
        ResponseEntity<JsonNode> response = rest.withBasicAuth("gaojing", "not-the-password")
                .getForEntity("/api/registry/areas", JsonNode.class);

        assertProblem(response, 401);
    }

    @Test
    void anUnknownUserIsA401() {
        assertProblem(rest.withBasicAuth("nobody", PASSWORD).getForEntity("/api/registry/areas", JsonNode.class),
                401);
    }

    @Test
    void aStaffMemberMayReadTheRegistry() {
        assertThat(get("zhangwei", "/api/registry/areas").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void healthIsOpenToEveryone() {
        ResponseEntity<JsonNode> response = rest.getForEntity("/actuator/health", JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void prometheusIsForAdministratorsOnly() {
        assertProblem(rest.getForEntity("/actuator/prometheus", JsonNode.class), 401);
        assertProblem(get("zhangwei", "/actuator/prometheus"), 403);

        ResponseEntity<String> metrics = as("admin").getForEntity("/actuator/prometheus", String.class);
        assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(metrics.getBody()).contains("application=\"gridcase\"");
    }

    @Test
    void camundaFirstAdminSetupIsClosed() {
        Map<String, Object> admin = Map.of("profile", Map.of("id", "intruder", "firstName", "I", "lastName", "X"),
                "credentials", Map.of("password", "intruder-1234"));

        ResponseEntity<String> anonymous = rest.postForEntity("/camunda/api/admin/setup/default/user/create", admin,
                String.class);
        ResponseEntity<String> loggedIn = as("admin").postForEntity("/camunda/api/admin/setup/default/user/create",
                admin, String.class);

        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(loggedIn.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("admin", "/engine-rest/user/intruder/profile").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }
}

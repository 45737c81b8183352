package org.gridcase.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.gridcase.GridCaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The acceptance point of the foundation: through the engine REST API on a real HTTP server, a grid's task is
 * seen and worked by that grid's worker only; the community and town above it may read it, nobody else.
 */
class TaskAuthorizationTest extends GridCaseTest {

    private static final String GRID_A_BUILDING = "SFZ-B0102"; // SFZ-C01-G01, grid worker zhangwei
    private static final String GRID_B_BUILDING = "SFZ-B0402"; // SFZ-C02-G01, grid worker wulei

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aGridTaskIsWorkedByItsGridAndReadByTheAreasAboveIt() {
        // Given a verification requested for a building in grid A (SFZ-C01-G01) and one in grid B (SFZ-C02-G01)
        String instanceA = requestVerification(GRID_A_BUILDING);
        requestVerification(GRID_B_BUILDING);
        String taskA = taskOf(GRID_A_BUILDING);
        String taskB = taskOf(GRID_B_BUILDING);

        // Then grid A's worker sees his task and not grid B's
        assertThat(get("zhangwei", "/engine-rest/task/" + taskA).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(visibleTasks("zhangwei")).contains(taskA).doesNotContain(taskB);
        assertHidden("zhangwei", taskB);

        // And grid B's worker can neither see, claim nor complete grid A's task
        assertThat(visibleTasks("wulei")).contains(taskB).doesNotContain(taskA);
        assertHidden("wulei", taskA);
        assertRefused(postJson("wulei", "/engine-rest/task/" + taskA + "/claim", Map.of("userId", "wulei")));
        assertRefused(postJson("wulei", "/engine-rest/task/" + taskA + "/complete", Map.of("variables", Map.of())));
        assertRefused(postJson("wulei", "/engine-rest/task/" + taskA + "/submit-form",
                Map.of("variables", verification("吴磊改的地址", 1))));
        JsonNode stillOpen = get("admin", "/engine-rest/task/" + taskA).getBody();
        assertThat(stillOpen.path("id").asText()).isEqualTo(taskA);
        assertThat(stillOpen.path("assignee").isNull()).isTrue();

        // And the town leader reads both, but reading is not working: he cannot claim
        assertThat(get("lizhenhua", "/engine-rest/task/" + taskA).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("lizhenhua", "/engine-rest/task/" + taskB).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(visibleTasks("lizhenhua")).contains(taskA, taskB);
        assertRefused(postJson("lizhenhua", "/engine-rest/task/" + taskA + "/claim", Map.of("userId", "lizhenhua")));

        // And the leader of community C01 reads grid A's task only
        assertThat(get("zhoulihua", "/engine-rest/task/" + taskA).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertHidden("zhoulihua", taskB);
        assertThat(visibleTasks("zhoulihua")).contains(taskA).doesNotContain(taskB);

        // When grid A's worker claims his task and submits the form
        ResponseEntity<JsonNode> claim = postJson("zhangwei", "/engine-rest/task/" + taskA + "/claim",
                Map.of("userId", "zhangwei"));
        assertThat(claim.getStatusCode().is2xxSuccessful()).as("claim: %s", claim.getBody()).isTrue();
        ResponseEntity<JsonNode> submit = postJson("zhangwei", "/engine-rest/task/" + taskA + "/submit-form",
                Map.of("variables", verification("示范镇东湖小区2号楼（已核查）", 40)));
        assertThat(submit.getStatusCode().is2xxSuccessful()).as("submit: %s", submit.getBody()).isTrue();

        // Then the asynchronous service task records the result in the registry
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode building = building("SFZ-C01-G01", GRID_A_BUILDING);
            assertThat(building.path("households").asInt()).isEqualTo(40);
            assertThat(building.path("address").asText()).isEqualTo("示范镇东湖小区2号楼（已核查）");
            assertThat(building.path("verifiedAt").isMissingNode()).isFalse();
        });
        assertThat(jdbc.queryForObject("select verified_by from building where code = ?", String.class,
                GRID_A_BUILDING)).isEqualTo("zhangwei");
        await().atMost(Duration.ofSeconds(30)).until(() -> runtimeService.createProcessInstanceQuery()
                .processInstanceId(instanceA).count() == 0);
        // grid B's task is untouched
        assertThat(get("wulei", "/engine-rest/task/" + taskB).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void negativeHouseholdsAreRejectedAndTheTaskStaysOpen() {
        // Given the demo town's verification of SFZ-B0101 (SFZ-C01-G01, 48 households) waits for zhangwei
        String task = taskOf("SFZ-B0101");
        String instance = get("admin", "/engine-rest/task/" + task).getBody().path("processInstanceId").asText();

        // When he submits the form with -1 households
        ResponseEntity<JsonNode> submit = postJson("zhangwei", "/engine-rest/task/" + task + "/submit-form",
                Map.of("variables", verification("示范镇东湖小区1号楼", -1)));

        // Then the task listener refuses it (a 400 with the listener's message only),
        // the task stays open and nothing of the form was kept
        JsonNode problem = assertProblem(submit, 400);
        assertThat(problem.path("detail").asText()).startsWith("提交内容有误：").contains("户数");
        assertThat(problem.toString()).doesNotContain("ENGINE-", "Exception");
        assertThat(get("zhangwei", "/engine-rest/task/" + task).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(runtimeService.getVariable(instance, "households")).isEqualTo(48L);
        assertThat(building("SFZ-C01-G01", "SFZ-B0101").path("households").asInt()).isEqualTo(48);
    }

    private String requestVerification(String buildingCode) {
        ResponseEntity<JsonNode> response = postJson("admin",
                "/api/registry/buildings/" + buildingCode + "/verifications", Map.of());
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
        return response.getBody().path("processInstanceId").asText();
    }

    /** The open verify task of a building, as the administrator sees it. */
    private String taskOf(String buildingCode) {
        JsonNode tasks = get("admin", "/engine-rest/task?processDefinitionKey=verify-building"
                + "&processInstanceBusinessKey=" + buildingCode).getBody();
        assertThat(tasks).hasSize(1);
        return tasks.get(0).path("id").asText();
    }

    private List<String> visibleTasks(String login) {
        ResponseEntity<JsonNode> response = get(login, "/engine-rest/task?processDefinitionKey=verify-building");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<String> ids = new ArrayList<>();
        response.getBody().forEach(t -> ids.add(t.path("id").asText()));
        return ids;
    }

    private JsonNode building(String grid, String code) {
        JsonNode page = get("admin", "/api/registry/buildings?grid=" + grid).getBody();
        for (JsonNode b : page.path("items")) {
            if (b.path("code").asText().equals(code)) {
                return b;
            }
        }
        throw new AssertionError("building " + code + " not in grid " + grid);
    }

    private void assertHidden(String login, String taskId) {
        assertThat(get(login, "/engine-rest/task/" + taskId).getStatusCode().value()).as("%s reads %s", login, taskId)
                .isIn(403, 404);
    }

    /** Refused by the engine for want of authorization (TASK_WORK on the task), not for any other fault. */
    private static void assertRefused(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(403);
        assertThat(response.getBody().path("type").asText()).isEqualTo("AuthorizationException");
    }

    private static Map<String, Object> verification(String address, long households) {
        return Map.of("address", Map.of("value", address, "type", "String"),
                "households", Map.of("value", households, "type", "Long"),
                "verificationNote", Map.of("value", "现场逐户清点", "type", "String"));
    }
}

package org.gridcase.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import org.gridcase.GridCaseTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;

/** Every deployment is recorded where an administrator sees it: {@code GET /api/admin/deployments}. */
class DeploymentAuditTest extends GridCaseTest {

    private static final String PROBE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_%1$s" targetNamespace="http://gridcase.org/test">
              <bpmn:process id="%1$s" name="审计探针" isExecutable="true" camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="Start" />
              </bpmn:process>
            </bpmn:definitions>
            """;

    @Test
    void processOwnersDeploymentIsRecordedWithWhoWhenAndResources() {
        // Given the process owner zhongwen and a small model
        Instant before = Instant.now().minusSeconds(1);
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("deployment-name", "audit-probe");
        form.add("deployment-source", "Camunda Modeler");
        form.add("data", file("audit-probe.bpmn", PROBE.formatted("audit-probe")));
        form.add("data2", file("audit-probe-2.bpmn", PROBE.formatted("audit-probe-two")));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);

        // When he deploys it through the engine REST API, as Camunda Modeler does
        ResponseEntity<JsonNode> deployed = as("zhongwen").postForEntity("/engine-rest/deployment/create",
                new HttpEntity<>(form, headers), JsonNode.class);

        // Then the administrator finds the deployment: zhongwen, the time, its resources, id, name and source
        assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
        String id = deployed.getBody().path("id").asText();
        JsonNode record = recordOf(id);
        assertThat(record).as("record of deployment %s", id).isNotNull();
        assertThat(record.path("deployedBy").asText()).isEqualTo("zhongwen");
        assertThat(record.path("name").asText()).isEqualTo("audit-probe");
        assertThat(record.path("source").asText()).isEqualTo("Camunda Modeler");
        assertThat(texts(record.path("resources"))).containsExactly("audit-probe-2.bpmn", "audit-probe.bpmn");
        assertThat(record.path("resourceCount").asInt()).isEqualTo(2);
        assertThat(OffsetDateTime.parse(record.path("deployedAt").asText()).toInstant())
                .isBetween(before, Instant.now().plusSeconds(1));
    }

    @Test
    void applicationsOwnDeploymentAtStartIsRecordedWithoutUser() {
        // Given the app deployed processes/** and forms/** at start
        // When an administrator lists the deployments / Then that deployment is there, by no user
        JsonNode own = StreamSupport.stream(get("admin", "/api/admin/deployments?size=200").getBody()
                .path("items").spliterator(), false)
                .filter(r -> texts(r.path("resources")).stream().anyMatch(n -> n.endsWith("processes/request.bpmn")))
                .findFirst().orElse(null);
        assertThat(own).isNotNull();
        assertThat(own.has("deployedBy")).isFalse();
        assertThat(own.path("name").asText()).isEqualTo("SpringAutoDeployment");
        assertThat(texts(own.path("resources"))).anyMatch(n -> n.endsWith("forms/verify-request.form"));
    }

    @ParameterizedTest(name = "{0} gets {1}")
    @CsvSource({"zhangwei, 403", "zhongwen, 403", "chenxiaoyan, 403", "admin, 200"})
    void onlyAdministratorsReadTheDeploymentRecord(String login, int status) {
        // Given a staff login; When it asks for the deployment record
        ResponseEntity<JsonNode> answer = get(login, "/api/admin/deployments");
        // Then only an administrator reads it; everyone else gets 403 problem+json
        if (status == 200) {
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(answer.getBody().path("items").isArray()).isTrue();
        } else {
            assertProblem(answer, status);
        }
    }

    @ParameterizedTest(name = "{0} → 400 naming {1}")
    @CsvSource({"page=-1, page", "size=0, size", "size=201, size", "page=abc, page"})
    void badPagingIsAProblemNamingTheField(String query, String field) {
        // Given an administrator; When the paging is wrong / Then 400 problem+json naming the parameter
        JsonNode problem = assertProblem(get("admin", "/api/admin/deployments?" + query), 400);
        assertThat(problem.toString()).contains(field);
    }

    private JsonNode recordOf(String deploymentId) {
        for (JsonNode r : get("admin", "/api/admin/deployments?size=200").getBody().path("items")) {
            if (deploymentId.equals(r.path("deploymentId").asText())) {
                return r;
            }
        }
        return null;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static ByteArrayResource file(String name, String content) {
        return new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }
}

package org.gridcase;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one Spring Boot test configuration of GridCase: a real HTTP server on a random port, the demo town in an
 * in-memory H2 database of its own. Every Spring test extends this class and adds no configuration of its own, so
 * Spring's context cache starts the application once for the whole suite. Tests share that database: each one
 * works on codes, logins and buildings of its own, or compares counts before and after.
 * <p>
 * The grid index poll is pushed out of the way (an hour): tests call {@code GridLocator.pollForChanges()}
 * themselves, so what a poll does is never a race with the scheduler. An attachment may have 256 KB (10 MB in
 * production), so that a test sends a file beyond the limit cheaply. Metrics export is on as in production
 * (Spring Boot turns it off in tests by default), so the Prometheus endpoint exists.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:gridcase-test;DB_CLOSE_DELAY=-1",
        "gridcase.registry.index-poll-millis=3600000",
        // small, so that AttachmentApiTest sends a file beyond it without megabytes of traffic
        "gridcase.attachments.max-bytes=256KB"})
@ActiveProfiles("demo")
@AutoConfigureObservability(tracing = false)
public abstract class GridCaseTest {

    /** Every demo login has this password. */
    protected static final String PASSWORD = "demo";

    @Autowired
    protected TestRestTemplate rest;

    @Autowired
    private ProcessEngine processEngine;

    /**
     * Camunda's REST API and webapps look their engine up by name ("default") in a registry for the whole JVM. A test
     * class with a context of its own (RequestProcessTest, RequestFullStackTest...) registers its engine under the
     * same name and would serve this context's {@code /engine-rest} calls: point the name back at this engine.
     */
    @BeforeEach
    void engineRestUsesThisContextsEngine() {
        ProcessEngines.registerProcessEngine(processEngine);
    }

    /** The REST client logged in (HTTP Basic) as a demo user. */
    protected TestRestTemplate as(String login) {
        return rest.withBasicAuth(login, PASSWORD);
    }

    protected ResponseEntity<JsonNode> get(String login, String path) {
        return as(login).getForEntity(path, JsonNode.class);
    }

    protected ResponseEntity<JsonNode> postJson(String login, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return as(login).exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    protected ResponseEntity<JsonNode> postCsv(String login, String path, String csv) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8));
        return as(login).exchange(path, HttpMethod.POST, new HttpEntity<>(csv, headers), JsonNode.class);
    }

    /** Asserts an RFC 7807 answer with that status and returns its body. */
    protected static JsonNode assertProblem(ResponseEntity<JsonNode> response, int status) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(status));
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .as("content type %s", response.getHeaders().getContentType()).isTrue();
        assertThat(response.getBody()).isNotNull();
        assertThat(response.getBody().path("status").asInt()).isEqualTo(status);
        return response.getBody();
    }

    /** The {@code errors[].field} values of a 400 problem. */
    protected static List<String> errorFields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }
}

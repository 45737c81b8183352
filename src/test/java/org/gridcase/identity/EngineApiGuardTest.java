package org.gridcase.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.gridcase.GridCaseTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The engine request guard, driven as a hostile but logged-in staff member would, over the engine REST API and the
 * webapps' engine API (Tasklist's session): no expression from a request is evaluated, a grid worker changes nothing
 * but what his task's form offers, and no engine answer shows SQL, class names or stack traces.
 */
class EngineApiGuardTest extends GridCaseTest {

    private static final String WORKER = "zhangwei"; // grid worker of SFZ-C01-G01
    /** Evaluates to "zhangwei": a task assigned to him matches only if the server evaluated it. */
    private static final String EXPRESSION = "${'zhang'.concat('wei')}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;

    // ------------------------------------------------------------------ expressions (point 1)

    /** One way an expression can arrive: given the case's tracking number, the call a worker sends. */
    interface Vector {
        ResponseEntity<JsonNode> send(EngineApiGuardTest test, String tn);
    }

    static Stream<Arguments> expressionVectors() {
        return Stream.of(
                Arguments.of("POST /task with orQueries", (Vector) (t, tn) -> t.postJson(WORKER, "/engine-rest/task",
                        Map.of("processInstanceBusinessKey", tn,
                                "orQueries", List.of(Map.of("assigneeExpression", EXPRESSION))))),
                Arguments.of("POST /task/count with orQueries", (Vector) (t, tn) -> t.postJson(WORKER,
                        "/engine-rest/task/count", Map.of("processInstanceBusinessKey", tn,
                                "orQueries", List.of(Map.of("assigneeExpression", EXPRESSION))))),
                Arguments.of("POST /engine/default/task, key in other case", (Vector) (t, tn) -> t.postJson(WORKER,
                        "/engine-rest/engine/default/task", Map.of("processInstanceBusinessKey", tn,
                                "orQueries", List.of(Map.of("assigneeEXPRESSION", EXPRESSION))))),
                Arguments.of("POST /filter/{id}/list extending query", (Vector) (t, tn) -> t.postJson(WORKER,
                        "/engine-rest/filter/" + t.filterId("我的任务") + "/list",
                        Map.of("processInstanceBusinessKey", tn, "assigneeExpression", EXPRESSION))),
                Arguments.of("POST /filter/{id}/count extending query", (Vector) (t, tn) -> t.postJson(WORKER,
                        "/engine-rest/filter/" + t.filterId("我的任务") + "/count",
                        Map.of("processInstanceBusinessKey", tn, "assigneeExpression", EXPRESSION))),
                Arguments.of("POST /filter/{id}/list nested in orQueries", (Vector) (t, tn) -> t.postJson(WORKER,
                        "/engine-rest/filter/" + t.filterId("我的任务") + "/list",
                        Map.of("processInstanceBusinessKey", tn,
                                "orQueries", List.of(Map.of("assigneeExpression", EXPRESSION))))),
                Arguments.of("GET /task query parameter", (Vector) (t, tn) -> t.get(WORKER,
                        "/engine-rest/task?processInstanceBusinessKey=" + tn + "&assigneeExpression={e}", EXPRESSION)),
                Arguments.of("a plain key with an expression value", (Vector) (t, tn) -> t.postJson(WORKER,
                        "/engine-rest/task", Map.of("processInstanceBusinessKey", tn,
                                "orQueries", List.of(Map.of("assignee", EXPRESSION))))),
                Arguments.of("webapp session POST /task with orQueries", (Vector) (t, tn) -> t.login(WORKER)
                        .post("/camunda/api/engine/engine/default/task", Map.of("processInstanceBusinessKey", tn,
                                "orQueries", List.of(Map.of("assigneeExpression", EXPRESSION))))),
                Arguments.of("webapp session POST /filter/{id}/list", (Vector) (t, tn) -> t.login(WORKER)
                        .post("/camunda/api/engine/engine/default/filter/" + t.filterId("我的任务") + "/list",
                                Map.of("processInstanceBusinessKey", tn, "assigneeExpression", EXPRESSION))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expressionVectors")
    void anExpressionInAQueryIsRefusedAndNotEvaluated(String name, Vector vector) {
        // Given a case whose verification task the worker has claimed (so the expression's result would match it)
        Case c = claimedCase();

        // When the worker sends a query carrying an expression
        ResponseEntity<JsonNode> response = vector.send(this, c.tn);

        // Then it is a 400 naming the expression, and no task (nor count) came back: nothing was evaluated
        JsonNode problem = assertProblem(response, 400);
        assertThat(problem.path("errors")).isNotEmpty();
        assertThat(response.getBody().toString()).doesNotContain(c.taskId);
    }

    @Test
    void administratorsAreRefusedExpressionsInQueriesButStillStoreFilterQueries() {
        Case c = claimedCase();
        // an administrator's ad-hoc query is refused like anyone's
        assertProblem(postJson("admin", "/engine-rest/task", Map.of("processInstanceBusinessKey", c.tn,
                "orQueries", List.of(Map.of("assigneeExpression", EXPRESSION)))), 400);

        // but he still creates a Tasklist filter with a stored expression (the trusted path), and it works
        ResponseEntity<JsonNode> created = postJson("admin", "/engine-rest/filter/create", Map.of("resourceType",
                "Task", "name", "guard-probe", "query", Map.of("assigneeExpression", "${currentUser()}")));
        assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.OK);
        String id = created.getBody().path("id").asText();
        assertThat(as("admin").exchange("/engine-rest/filter/" + id, HttpMethod.DELETE, null, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void theTasklistFiltersStoredExpressionsStillWork() {
        // Given a task the worker has claimed
        Case c = claimedCase();

        // When he lists his filter 我的任务 (${currentUser()}) narrowed to the case, over REST and in Tasklist's session
        ResponseEntity<JsonNode> rest = postJson(WORKER, "/engine-rest/filter/" + filterId("我的任务") + "/list",
                Map.of("processInstanceBusinessKey", c.tn));
        ResponseEntity<JsonNode> session = login(WORKER).post("/camunda/api/engine/engine/default/filter/"
                + filterId("我的任务") + "/list", Map.of("processInstanceBusinessKey", c.tn));

        // Then he sees it
        assertThat(rest.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rest.getBody().toString()).contains(c.taskId);
        assertThat(session.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(session.getBody().toString()).contains(c.taskId);
    }

    // ------------------------------------------------------------------ writes (points 2 and 9)

    static Stream<Arguments> forbiddenWrites() {
        return Stream.of(
                Arguments.of("POST", "/signal", "{\"name\":\"Withdrawal\"}"),
                Arguments.of("POST", "/message", "{\"messageName\":\"Withdrawal\",\"businessKey\":\"{tn}\"}"),
                Arguments.of("POST", "/condition", "{\"variables\":{\"x\":{\"value\":1}}}"),
                Arguments.of("POST", "/task/{task}/variables",
                        "{\"modifications\":{\"priority\":{\"value\":1,\"type\":\"Integer\"}}}"),
                Arguments.of("PUT", "/task/{task}/variables/handlerGroup", "{\"value\":\"area-SFZ-C02-G01\"}"),
                Arguments.of("DELETE", "/task/{task}/variables/priority", ""),
                Arguments.of("POST", "/task/{task}/localVariables", "{\"modifications\":{\"x\":{\"value\":1}}}"),
                Arguments.of("PUT", "/task/{task}/localVariables/x", "{\"value\":1}"),
                Arguments.of("POST", "/process-instance/{pi}/variables",
                        "{\"modifications\":{\"handlingDueAt\":{\"value\":\"2099-01-01T00:00:00.000+0800\","
                                + "\"type\":\"Date\"}}}"),
                Arguments.of("PUT", "/process-instance/{pi}/variables/priority", "{\"value\":1,\"type\":\"Integer\"}"),
                Arguments.of("DELETE", "/process-instance/{pi}/variables/priority", ""),
                Arguments.of("POST", "/process-instance/variables-async",
                        "{\"processInstanceIds\":[\"{pi}\"],\"variables\":{\"priority\":{\"value\":1}}}"),
                Arguments.of("PUT", "/execution/{pi}/localVariables/priority", "{\"value\":1}"),
                Arguments.of("POST", "/execution/{pi}/localVariables", "{\"modifications\":{\"x\":{\"value\":1}}}"),
                Arguments.of("POST", "/execution/{pi}/signal", "{}"),
                Arguments.of("POST", "/execution/{pi}/messageSubscriptions/Withdrawal/trigger", "{}"),
                Arguments.of("POST", "/process-instance/{pi}/modification",
                        "{\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"VerifyRequest\"}]}"),
                Arguments.of("POST", "/modification/execute", "{\"processInstanceIds\":[\"{pi}\"],\"instructions\":[]}"),
                Arguments.of("POST", "/migration/execute", "{}"),
                Arguments.of("POST", "/process-definition/key/request/start", "{\"businessKey\":\"fake\"}"),
                Arguments.of("POST", "/process-definition/key/request/submit-form", "{}"),
                Arguments.of("PUT", "/task/{task}", "{\"name\":\"核实研判\",\"due\":\"2099-01-01T00:00:00.000+0800\"}"),
                Arguments.of("POST", "/task/{task}/assignee", "{\"userId\":\"wangfang\"}"),
                Arguments.of("POST", "/task/{task}/delegate", "{\"userId\":\"wangfang\"}"),
                Arguments.of("POST", "/task/{task}/claim", "{\"userId\":\"wangfang\"}"),
                Arguments.of("POST", "/task/{task}/identity-links", "{\"groupId\":\"area-SFZ-C02-G01\",\"type\":\"candidate\"}"),
                Arguments.of("POST", "/task/{task}/bpmnError", "{\"errorCode\":\"x\"}"),
                Arguments.of("POST", "/task/create", "{\"id\":\"guard-probe\",\"name\":\"x\"}"),
                Arguments.of("DELETE", "/task/{task}", ""),
                Arguments.of("PUT", "/process-instance/{pi}/suspended", "{\"suspended\":true}"),
                Arguments.of("DELETE", "/process-instance/{pi}", ""),
                Arguments.of("POST", "/job/retries", "{\"processInstanceId\":\"{pi}\",\"retries\":5}"),
                Arguments.of("PUT", "/job/any-job/duedate", "{\"duedate\":\"2099-01-01T00:00:00.000+0800\"}"),
                Arguments.of("POST", "/job/any-job/execute", ""),
                Arguments.of("POST", "/external-task/fetchAndLock", "{\"workerId\":\"x\",\"maxTasks\":1,\"topics\":[]}"),
                Arguments.of("POST", "/execution/{pi}/create-incident", "{\"incidentType\":\"x\"}"),
                Arguments.of("POST", "/decision-definition/key/request-routing/evaluate", "{\"variables\":{}}"),
                Arguments.of("POST", "/history/cleanup", ""),
                Arguments.of("POST", "/deployment/create", "{}"),
                Arguments.of("PUT", "/user/wangfang/credentials", "{\"password\":\"x\",\"authenticatedUserPassword\":\"demo\"}"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("forbiddenWrites")
    void aGridWorkerIsRefusedEveryEngineWriteTasklistDoesNotNeed(String method, String path, String body) {
        // Given a case whose verification task the worker has claimed
        Case c = claimedCase();
        Map<String, Object> before = runtimeService.getVariables(c.pi);

        // When he calls the engine REST API directly
        String resolved = path.replace("{task}", c.taskId).replace("{pi}", c.pi);
        ResponseEntity<JsonNode> response = send(WORKER, HttpMethod.valueOf(method), "/engine-rest" + resolved,
                body.replace("{tn}", c.tn).replace("{pi}", c.pi));

        // Then it is refused with 403 problem+json, and the case is as it was
        assertProblem(response, 403);
        assertUnchanged(c, before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/signal", "/message", "/task/{task}/variables", "/process-instance/{pi}/variables"})
    void theWebappSessionIsRefusedTheSameWrites(String path) {
        Case c = claimedCase();
        Map<String, Object> before = runtimeService.getVariables(c.pi);

        ResponseEntity<JsonNode> response = login(WORKER).post("/camunda/api/engine/engine/default"
                + path.replace("{task}", c.taskId).replace("{pi}", c.pi), Map.of("name", "Withdrawal",
                        "messageName", "Withdrawal", "businessKey", c.tn,
                        "modifications", Map.of("priority", Map.of("value", 1, "type", "Integer"))));

        assertProblem(response, 403);
        assertUnchanged(c, before);
    }

    @Test
    void whatTasklistNeedsStaysOpenToAGridWorker() {
        // Given two cases waiting for verification in his grid
        Case c = newCase();
        Case other = newCase();

        // Then he claims one for himself over REST and the other in Tasklist's session
        ResponseEntity<JsonNode> own = postJson(WORKER, "/engine-rest/task/" + c.taskId + "/claim",
                Map.of("userId", WORKER));
        assertThat(own.getStatusCode()).as("%s", own.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        ResponseEntity<JsonNode> claimed = login(WORKER).post("/camunda/api/engine/engine/default/task/"
                + other.taskId + "/claim", Map.of("userId", WORKER));
        assertThat(claimed.getStatusCode()).as("%s", claimed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(taskService.createTaskQuery().taskAssignee(WORKER).taskId(other.taskId).count()).isEqualTo(1);
        // and queries by POST, as Tasklist and Cockpit send them
        assertThat(postJson(WORKER, "/engine-rest/task/count", Map.of("processInstanceBusinessKey", c.tn))
                .getBody().path("count").asInt()).isEqualTo(1);
        assertThat(postJson(WORKER, "/engine-rest/history/task", Map.of("processInstanceBusinessKey", c.tn))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aProcessOwnerDeploysAndAGridWorkerDoesNot() {
        String bpmn = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
                + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"http://gridcase.org/test\">"
                + "<process id=\"guard-probe\" isExecutable=\"true\" camunda:historyTimeToLive=\"P1D\">"
                + "<startEvent id=\"s\"/></process></definitions>";

        ResponseEntity<JsonNode> owner = deploy("zhongwen", bpmn);
        ResponseEntity<JsonNode> worker = deploy(WORKER, bpmn);

        assertThat(owner.getStatusCode()).as("%s", owner.getBody()).isEqualTo(HttpStatus.OK);
        assertProblem(worker, 403);
        assertThat(as("zhongwen").exchange("/engine-rest/deployment/" + owner.getBody().path("id").asText(),
                HttpMethod.DELETE, null, String.class).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    // ------------------------------------------------------------------ completion allowlist (point 2)

    static Stream<Arguments> completionEndpoints() {
        return Stream.of(Arguments.of("/engine-rest/task/{task}/complete"),
                Arguments.of("/engine-rest/task/{task}/submit-form"),
                Arguments.of("/camunda/api/engine/engine/default/task/{task}/submit-form"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("completionEndpoints")
    void routingDeadlineAndEscalationVariablesCannotBeForgedOnCompletion(String endpoint) {
        // Given the worker's claimed verification task
        Case c = claimedCase();
        Map<String, Object> before = runtimeService.getVariables(c.pi);

        // When he completes it honestly but adds the variables that route and time the next task
        Map<String, Object> variables = honestVerification();
        variables.put("handlingDueAt", Map.of("value", "2099-01-01T00:00:00.000+0800", "type", "Date"));
        variables.put("yellowAt", Map.of("value", "2099-01-01T00:00:00.000+0800", "type", "Date"));
        variables.put("handlerGroup", Map.of("value", "area-SFZ-C02-G01"));
        variables.put("priority", Map.of("value", 1, "type", "Integer"));
        ResponseEntity<JsonNode> response = complete(endpoint, c, variables);

        // Then it is refused, naming each forged variable, and the task and the process are unchanged
        JsonNode problem = assertProblem(response, 400);
        assertThat(errorFields(problem)).containsExactlyInAnyOrder("variables.handlingDueAt", "variables.yellowAt",
                "variables.handlerGroup", "variables.priority");
        assertThat(problem.path("detail").asText()).startsWith("提交内容有误");
        assertUnchanged(c, before);
    }

    /** The engine's JSON resources must not be reached around the check by another content type. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"})
    void aForgedCompletionUnderAnotherContentTypeDoesNotGetThrough(String contentType) throws Exception {
        // Given the worker's claimed verification task
        Case c = claimedCase();
        Map<String, Object> before = runtimeService.getVariables(c.pi);

        // When he sends the forged completion as JSON text under another content type
        Map<String, Object> variables = honestVerification();
        variables.put("handlerGroup", Map.of("value", "area-SFZ-C02-G01"));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(contentType));
        String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(
                Map.of("variables", variables));
        ResponseEntity<String> response = as(WORKER).exchange("/engine-rest/task/" + c.taskId + "/complete",
                HttpMethod.POST, new HttpEntity<>(body, headers), String.class);

        // Then it is refused one way or another, and nothing changed
        assertThat(response.getStatusCode().is4xxClientError()).as("status %s", response.getStatusCode()).isTrue();
        assertUnchanged(c, before);
    }

    @Test
    void aChangedReadOnlyFieldIsRefusedAndAnUnchangedOneIsDropped() {
        Case c = claimedCase();
        Map<String, Object> before = runtimeService.getVariables(c.pi);

        // When he sends the form's read-only tracking number changed
        Map<String, Object> forged = honestVerification();
        forged.put("trackingNumber", Map.of("value", "SQ-20990101-0001"));
        JsonNode problem = assertProblem(complete("/engine-rest/task/{task}/submit-form", c, forged), 400);

        // Then it is refused; sent back unchanged (as Tasklist does), with the other read-only fields, it passes
        assertThat(errorFields(problem)).containsExactly("variables.trackingNumber");
        assertUnchanged(c, before);
        Map<String, Object> echoed = honestVerification();
        echoed.put("trackingNumber", Map.of("value", c.tn, "type", "String"));
        for (String readOnly : List.of("categoryName", "gridName", "address", "handlerName", "reporterName",
                "reporterPhone")) {
            Object value = before.get(readOnly);
            echoed.put(readOnly, Map.of("value", value == null ? "" : value.toString(), "type", "String"));
        }
        ResponseEntity<JsonNode> honest = complete("/engine-rest/task/{task}/submit-form", c, echoed);
        assertThat(honest.getStatusCode()).as("%s", honest.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(taskService.createTaskQuery().taskId(c.taskId).count()).isZero();
        assertThat(runtimeService.getVariable(c.pi, "trackingNumber")).isEqualTo(c.tn);
    }

    static Stream<Arguments> nonPlainValues() {
        return Stream.of(
                Arguments.of(Map.of("value", "[]", "type", "Object", "valueInfo",
                        Map.of("objectTypeName", "java.util.ArrayList", "serializationDataFormat", "application/json"))),
                Arguments.of(Map.of("value", "{\"a\":1}", "type", "Json")),
                Arguments.of(Map.of("value", "aGk=", "type", "Bytes")),
                Arguments.of(Map.of("value", "aGk=", "type", "File", "valueInfo", Map.of("filename", "x.txt"))),
                Arguments.of(Map.of("value", Map.of("a", 1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonPlainValues")
    void aFormFieldTakesPlainValuesOnly(Map<String, Object> value) {
        Case c = claimedCase();
        Map<String, Object> before = runtimeService.getVariables(c.pi);
        Map<String, Object> variables = honestVerification();
        variables.put("verifyNote", value);

        JsonNode problem = assertProblem(complete("/engine-rest/task/{task}/submit-form", c, variables), 400);

        assertThat(errorFields(problem)).containsExactly("variables.verifyNote");
        assertUnchanged(c, before);
    }

    // ------------------------------------------------------------------ engine error answers (point 7)

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/engine-rest/task/{task}/submit-form",
            "/camunda/api/engine/engine/default/task/{task}/submit-form"})
    void aFormRefusedByItsTaskListenerIsA400WithTheChineseMessageOnly(String endpoint) {
        // Given the worker's claimed verification task
        Case c = claimedCase();

        // When he submits without choosing an outcome (one the form does not offer is refused before the engine,
        // by CompletionCheck)
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("verifyNote", Map.of("value", "看不清"));
        ResponseEntity<JsonNode> response = complete(endpoint, c, variables);

        // Then the listener's refusal is a 400 with its Chinese text, nothing of the engine, and the task stays open
        JsonNode problem = assertProblem(response, 400);
        assertThat(problem.path("detail").asText()).isEqualTo("提交内容有误：核实结果必须选择一项");
        assertThat(problem.toString()).doesNotContain("ENGINE-", "Exception", "TaskListener");
        assertThat(taskService.createTaskQuery().taskId(c.taskId).count()).isEqualTo(1);
    }

    @Test
    void anEngineFailureIsAGeneric500WithoutSqlOrClassNames() {
        // Given a case
        Case c = newCase();
        String name = taskService.createTaskQuery().taskId(c.taskId).singleResult().getName();

        // When an administrator renames its task with a name longer than Camunda's column (an SQL error)
        ResponseEntity<JsonNode> response = send("admin", HttpMethod.PUT, "/engine-rest/task/" + c.taskId,
                "{\"name\":\"" + "长".repeat(300) + "\"}");

        // Then the answer is a Chinese 500 with an incident id, and nothing of the database or the code
        JsonNode problem = assertProblem(response, 500);
        assertThat(problem.path("incident").asText()).isNotEmpty();
        assertThat(problem.toString()).doesNotContainIgnoringCase("sql").doesNotContain("ACT_", "NAME_",
                "org.", "java.", "Exception", "ENGINE-", "persistence");
        assertThat(taskService.createTaskQuery().taskId(c.taskId).singleResult().getName()).isEqualTo(name);
    }

    // ------------------------------------------------------------------ oversized input, odd paths

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/engine-rest/task", "/camunda/api/engine/engine/default/task"})
    void aBodyOverTheLimitIsA413(String path) {
        String huge = "{\"processInstanceBusinessKey\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        ResponseEntity<JsonNode> response = path.startsWith("/engine-rest")
                ? send(WORKER, HttpMethod.POST, path, huge)
                : login(WORKER).send(HttpMethod.POST, path, huge);

        assertProblem(response, 413);
    }

    /** Spring Security's firewall, checked rather than assumed: these never reach the guard or the engine. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/engine-rest/task/x;jsessionid=1/complete", "/engine-rest/task/%2e%2e/signal",
            "/engine-rest/task%2F..%2Fsignal", "/engine-rest/task/../signal"})
    void oddPathsAreRejectedByTheFirewall(String path) {
        ResponseEntity<String> response = as(WORKER).exchange(java.net.URI.create(rest.getRootUri() + path),
                HttpMethod.POST, json("{}"), String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
    }

    // ------------------------------------------------------------------ fixtures

    record Case(String tn, String pi, String taskId) {
    }

    /** A new sanitation request in grid SFZ-C01-G01: its verification task 核实研判 waits for the grid's worker. */
    private Case newCase() {
        Map<String, Object> request = new HashMap<>();
        request.put("category", "SANITATION");
        request.put("description", "东湖小区门口垃圾堆放，引擎接口防护测试");
        request.put("channel", "HOTLINE");
        request.put("location", Map.of("lat", 41.1035, "lng", 122.0060));
        request.put("reporter", Map.of("name", "刘桂芝", "phone", "13700000101"));
        ResponseEntity<JsonNode> created = postJson("chenxiaoyan", "/api/requests", request);
        assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.CREATED);
        String tn = created.getBody().path("trackingNumber").asText();
        JsonNode tasks = get("admin", "/engine-rest/task?processInstanceBusinessKey=" + tn).getBody();
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).path("name").asText()).isEqualTo("核实研判");
        return new Case(tn, tasks.get(0).path("processInstanceId").asText(), tasks.get(0).path("id").asText());
    }

    private Case claimedCase() {
        Case c = newCase();
        taskService.claim(c.taskId, WORKER);
        return c;
    }

    private static Map<String, Object> honestVerification() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("verifyOutcome", Map.of("value", "VALID"));
        variables.put("verifyNote", Map.of("value", "现场属实"));
        return variables;
    }

    private ResponseEntity<JsonNode> complete(String endpoint, Case c, Map<String, Object> variables) {
        String path = endpoint.replace("{task}", c.taskId);
        Map<String, Object> body = Map.of("variables", variables);
        return path.startsWith("/engine-rest") ? postJson(WORKER, path, body) : login(WORKER).post(path, body);
    }

    /** The task is still open and his, and the process variables are what they were. */
    private void assertUnchanged(Case c, Map<String, Object> before) {
        assertThat(taskService.createTaskQuery().taskId(c.taskId).taskAssignee(WORKER).count()).isEqualTo(1);
        assertThat(runtimeService.getVariables(c.pi)).isEqualTo(before);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(c.pi).active().count()).isEqualTo(1);
    }

    private String filterId(String name) {
        for (JsonNode f : get(WORKER, "/engine-rest/filter?resourceType=Task").getBody()) {
            if (name.equals(f.path("name").asText())) {
                return f.path("id").asText();
            }
        }
        throw new AssertionError("no filter " + name);
    }

    private ResponseEntity<JsonNode> get(String login, String path, Object... uriVariables) {
        return as(login).getForEntity(path, JsonNode.class, uriVariables);
    }

    private ResponseEntity<JsonNode> send(String login, HttpMethod method, String path, String body) {
        return as(login).exchange(path, method, json(body), JsonNode.class);
    }

    private ResponseEntity<JsonNode> deploy(String login, String bpmn) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("deployment-name", "guard-probe");
        parts.add("guard-probe.bpmn", new ByteArrayResource(bpmn.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "guard-probe.bpmn";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return as(login).exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(parts, headers),
                JsonNode.class);
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    /** Logged into Tasklist through its login form: the session and CSRF cookies the browser would hold. */
    private WebappSession login(String login) {
        ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
        WebappSession session = new WebappSession();
        session.take(page.getHeaders());
        HttpHeaders headers = session.headers();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", login);
        form.add("password", PASSWORD);
        ResponseEntity<String> loggedIn = rest.exchange("/camunda/api/admin/auth/user/default/login/tasklist",
                HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
        assertThat(loggedIn.getStatusCode()).as("%s", loggedIn.getBody()).isEqualTo(HttpStatus.OK);
        session.take(loggedIn.getHeaders());
        // the login starts a new session; its CSRF token comes with the next answer, as Tasklist's next call gets it
        ResponseEntity<String> user = rest.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET,
                new HttpEntity<>(session.headers()), String.class);
        assertThat(user.getStatusCode()).isEqualTo(HttpStatus.OK);
        session.take(user.getHeaders());
        return session;
    }

    private final class WebappSession {
        private final Map<String, String> cookies = new LinkedHashMap<>();

        void take(HttpHeaders response) {
            for (String setCookie : response.getOrEmpty(HttpHeaders.SET_COOKIE)) {
                String pair = setCookie.split(";", 2)[0];
                int eq = pair.indexOf('=');
                cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }

        HttpHeaders headers() {
            HttpHeaders headers = new HttpHeaders();
            StringBuilder cookie = new StringBuilder();
            cookies.forEach((k, v) -> cookie.append(cookie.isEmpty() ? "" : "; ").append(k).append('=').append(v));
            headers.add(HttpHeaders.COOKIE, cookie.toString());
            if (cookies.containsKey("XSRF-TOKEN")) {
                headers.add("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
            }
            return headers;
        }

        ResponseEntity<JsonNode> post(String path, Object body) {
            try {
                return send(HttpMethod.POST, path, JSON.writeValueAsString(body));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        ResponseEntity<JsonNode> send(HttpMethod method, String path, String body) {
            HttpHeaders headers = headers();
            headers.setContentType(MediaType.APPLICATION_JSON);
            headers.setAccept(List.of(MediaType.APPLICATION_JSON));
            ResponseEntity<JsonNode> response = rest.exchange(path, method, new HttpEntity<>(body, headers),
                    JsonNode.class);
            take(response.getHeaders());
            return response;
        }
    }
}

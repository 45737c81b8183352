package org.gridcase.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.gridcase.GridCaseTest;
import org.gridcase.registry.AreaLevel;
import org.gridcase.registry.Registry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The request (诉求) API over HTTP as the demo users see it: registering through {@code POST /api/requests}, reading
 * and listing cases, supervision and withdrawal, and the public survey page behind the reporter's one-time link.
 * Tasks the API does not own (verify, handle) are worked through the engine's Java API to set the scene.
 */
class RequestApiTest extends GridCaseTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String GRID = "SFZ-C01-G01";
    /** Inside grid 1 of 东湖社区, and inside its micro grid M01 too. */
    private static final double LAT = 41.1035;
    private static final double LNG = 122.0060;
    private static final String DISPATCHER = "chenxiaoyan";
    private static final String GRID_WORKER = "zhangwei";
    private static final String DEPARTMENT_HANDLER = "luojun";
    private static final String LEADER = "lizhenhua";

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;
    @Autowired
    Registry registry;
    @Autowired
    JdbcTemplate jdbc;

    // ---------------------------------------------------------------- registering

    @Test
    void dispatcherRegistersARequestAndGetsItsTrackingNumberGridDepartmentAndDueTime() {
        // Given a point that a micro grid's polygon contains, inside grid 1 of 东湖社区
        assertThat(registry.locate(LAT, LNG)).hasValueSatisfying(a -> assertThat(a.level())
                .isEqualTo(AreaLevel.MICRO_GRID));
        LocalDate dayBefore = LocalDate.now(SHANGHAI);

        // When the dispatcher registers a request there
        ResponseEntity<JsonNode> response = postJson(DISPATCHER, "/api/requests", request("SANITATION"));
        LocalDate dayAfter = LocalDate.now(SHANGHAI);

        // Then the case has a tracking number of today (Shanghai), the grid (not the micro grid) and the department
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode body = response.getBody();
        String tn = body.path("trackingNumber").asText();
        assertThat(tn).matches("SQ-\\d{8}-\\d{4}");
        assertThat(tn.substring(3, 11)).isIn(DateTimeFormatter.BASIC_ISO_DATE.format(dayBefore),
                DateTimeFormatter.BASIC_ISO_DATE.format(dayAfter));
        assertThat(body.path("gridCode").asText()).isEqualTo(GRID);
        assertThat(body.path("departmentCode").asText()).isEqualTo("URBAN_MGMT");
        assertThat(Instant.parse(body.path("dueAt").asText())).isAfter(Instant.now());
        assertThat(response.getHeaders().getLocation()).isNotNull();
        assertThat(response.getHeaders().getLocation().getPath()).isEqualTo("/api/cases/" + tn);
        assertThat(as(DISPATCHER).getForEntity(response.getHeaders().getLocation(), JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        // and its process waits for verification by the grid
        Task verify = taskService.createTaskQuery().processInstanceBusinessKey(tn).singleResult();
        assertThat(verify.getTaskDefinitionKey()).isEqualTo(RequestProcess.TASK_VERIFY);
    }

    @Test
    void gridWorkerMayRegisterARequestToo() {
        Map<String, Object> body = request("NOISE");
        body.put("channel", "GRID_WORKER");
        ResponseEntity<JsonNode> response = postJson(GRID_WORKER, "/api/requests", body);
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void anEmojiStaysInTheCaseWhileTheEngineKeepsAReplacementCharacter() {
        // Camunda's own tables are utf8 on MySQL: its copy of the text holds U+FFFD instead (see MysqlDialectIT)
        Map<String, Object> body = request("SANITATION");
        body.put("description", "垃圾桶满了🗑️没人清");
        body.put("reporter", Map.of("name", "𠮷田", "phone", "13700000101"));
        ResponseEntity<JsonNode> response = postJson(DISPATCHER, "/api/requests", body);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String tn = response.getBody().path("trackingNumber").asText();

        JsonNode view = get(DISPATCHER, "/api/cases/" + tn).getBody();
        assertThat(view.path("description").asText()).isEqualTo("垃圾桶满了🗑️没人清");
        assertThat(view.path("reporter").path("name").asText()).isEqualTo("𠮷田");
        Task verify = taskService.createTaskQuery().processInstanceBusinessKey(tn).singleResult();
        assertThat(taskService.getVariable(verify.getId(), "description")).isEqualTo("垃圾桶满了\uFFFD\uFE0F没人清");
        assertThat(taskService.getVariable(verify.getId(), "reporterName")).isEqualTo("\uFFFD田");
    }

    @Test
    void badInputIsRefusedNamingEveryBadFieldAndNothingIsWritten() {
        // Given the counts of cases and processes before
        long cases = caseCount();
        long processes = processCount();

        // When a request with six faults at once is sent
        Map<String, Object> manyFaults = new LinkedHashMap<>();
        manyFaults.put("category", "NO_SUCH_CATEGORY");
        manyFaults.put("channel", "FAX");
        manyFaults.put("location", Map.of("lat", 95.0, "lng", LNG));
        manyFaults.put("reporter", Map.of("name", "刘桂芝", "email", "not-an-email"));
        JsonNode problem = assertProblem(postJson(DISPATCHER, "/api/requests", manyFaults), 400);

        // Then every fault is named in one answer
        assertThat(errorFields(problem)).containsExactlyInAnyOrder("category", "description", "channel",
                "location.lat", "reporter.phone", "reporter.email");
        assertThat(problem.path("detail").asText()).contains("6 处错误");

        // And the other ways to get it wrong are 400 too, each naming its field
        Map<String, Object> nowhere = request("SANITATION");
        nowhere.remove("location");
        nowhere.remove("address");
        assertThat(errorFields(assertProblem(postJson(DISPATCHER, "/api/requests", nowhere), 400)))
                .containsExactly("location");

        Map<String, Object> outside = request("SANITATION");
        outside.put("location", Map.of("lat", 0.0, "lng", 0.0));
        JsonNode outsideProblem = assertProblem(postJson(DISPATCHER, "/api/requests", outside), 400);
        assertThat(errorFields(outsideProblem)).containsExactly("location");
        assertThat(outsideProblem.path("errors").get(0).path("message").asText()).contains("不在本辖区任何网格内");

        Map<String, Object> noSuchGrid = request("SANITATION");
        noSuchGrid.remove("location");
        noSuchGrid.put("gridCode", "SFZ-C09-G99");
        assertThat(errorFields(assertProblem(postJson(DISPATCHER, "/api/requests", noSuchGrid), 400)))
                .containsExactly("gridCode");

        Map<String, Object> wrongType = request("SANITATION");
        wrongType.put("location", Map.of("lat", "north", "lng", LNG));
        assertThat(errorFields(assertProblem(postJson(DISPATCHER, "/api/requests", wrongType), 400)))
                .containsExactly("location.lat");

        assertProblem(postRaw(DISPATCHER, "{\"category\": \"SANITATION\", "), 400);
        assertThat(errorFields(assertProblem(postRaw(DISPATCHER, ""), 400))).containsExactly("body");

        // and nothing was written
        assertThat(caseCount()).isEqualTo(cases);
        assertThat(processCount()).isEqualTo(processes);
    }

    @Test
    void theSameExternalIdTwiceRegistersOneCase() {
        // Given a request the 12345 hotline system sends with its own id
        String externalId = "12345-" + UUID.randomUUID();
        Map<String, Object> body = request("SANITATION");
        body.put("externalId", externalId);
        ResponseEntity<JsonNode> first = postJson(DISPATCHER, "/api/requests", body);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String tn = first.getBody().path("trackingNumber").asText();

        // When it sends it again (a retry after a timeout)
        ResponseEntity<JsonNode> again = postJson(DISPATCHER, "/api/requests", body);

        // Then the answer is the first case, and there is one case and one process
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody().path("trackingNumber").asText()).isEqualTo(tn);
        assertThat(jdbc.queryForObject("select count(*) from case_file where external_id = ?", Long.class,
                externalId)).isOne();
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(tn).count())
                .isOne();
    }

    @Test
    void onlyIntakeRolesMayRegister() {
        long cases = caseCount();
        assertProblem(postJson(DEPARTMENT_HANDLER, "/api/requests", request("SANITATION")), 403);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> anonymous = rest.exchange("/api/requests", HttpMethod.POST,
                new HttpEntity<>(request("SANITATION"), headers), JsonNode.class);
        assertProblem(anonymous, 401);
        assertThat(caseCount()).isEqualTo(cases);
    }

    // ---------------------------------------------------------------- reading and listing

    @Test
    void aCaseShowsItsStateDeadlinesAndTimelineAndMasksTheReporterForDepartments() {
        String tn = register("SANITATION");

        // The dispatcher sees the case with its light, deadlines, timeline and the reporter in full
        JsonNode full = get(DISPATCHER, "/api/cases/" + tn).getBody();
        assertThat(full.path("trackingNumber").asText()).isEqualTo(tn);
        assertThat(full.path("kind").asText()).isEqualTo("REQUEST");
        assertThat(full.path("status").asText()).isEqualTo("VERIFYING");
        assertThat(full.path("statusName").asText()).isEqualTo("核实研判中");
        assertThat(full.path("light").asText()).isEqualTo("GREEN");
        assertThat(full.path("lightName").asText()).isEqualTo("绿灯");
        Instant responseDue = Instant.parse(full.path("responseDueAt").asText());
        Instant yellow = Instant.parse(full.path("yellowAt").asText());
        Instant handlingDue = Instant.parse(full.path("handlingDueAt").asText());
        assertThat(responseDue).isAfter(Instant.now());
        assertThat(yellow).isAfter(Instant.now()).isBefore(handlingDue);
        assertThat(full.path("gridCode").asText()).isEqualTo(GRID);
        assertThat(full.path("supervised").asBoolean()).isFalse();
        assertThat(types(full)).containsExactly("REGISTERED", "ROUTED");
        assertThat(full.path("timeline").get(0).path("actor").asText()).isEqualTo(DISPATCHER);
        assertThat(full.path("timeline").get(0).path("typeName").asText()).isEqualTo("登记");
        assertThat(full.path("reporter").path("name").asText()).isEqualTo("刘桂芝");
        assertThat(full.path("reporter").path("phone").asText()).isEqualTo("13700000101");

        // A department handler sees the same case with the reporter masked
        ResponseEntity<JsonNode> masked = get(DEPARTMENT_HANDLER, "/api/cases/" + tn);
        assertThat(masked.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(masked.getBody().path("reporter").path("name").asText()).isEqualTo("刘**");
        assertThat(masked.getBody().path("reporter").path("phone").asText()).isEqualTo("137****0101");

        // and an unknown number is a 404 problem
        JsonNode notFound = assertProblem(get(DISPATCHER, "/api/cases/SQ-19990101-0001"), 404);
        assertThat(notFound.path("detail").asText()).contains("SQ-19990101-0001");
    }

    @Test
    void casesAreListedByStatusLightAndGrid() {
        String tn = dispatched("SANITATION");

        ResponseEntity<JsonNode> listed = get(DISPATCHER,
                "/api/cases?status=HANDLING&light=GREEN&grid=" + GRID + "&size=200");
        assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(trackingNumbers(listed.getBody())).contains(tn);
        listed.getBody().path("items").forEach(c -> {
            assertThat(c.path("status").asText()).isEqualTo("HANDLING");
            assertThat(c.path("light").asText()).isEqualTo("GREEN");
            assertThat(c.path("gridCode").asText()).isEqualTo(GRID);
        });
        assertThat(trackingNumbers(get(DISPATCHER, "/api/cases?status=HANDLING&grid=SFZ-C02-G01&size=200")
                .getBody())).doesNotContain(tn);
        assertThat(trackingNumbers(get(DISPATCHER, "/api/cases?status=CLOSED&size=200").getBody()))
                .doesNotContain(tn);

        assertThat(errorFields(assertProblem(get(DISPATCHER, "/api/cases?light=NONE"), 400))).containsExactly("light");
        assertThat(errorFields(assertProblem(get(DISPATCHER, "/api/cases?size=0"), 400))).containsExactly("size");
        assertThat(errorFields(assertProblem(get(DISPATCHER, "/api/cases?status=LOST"), 400)))
                .containsExactly("status");
    }

    // ---------------------------------------------------------------- supervision and withdrawal

    @Test
    void aLeaderSupervisesACaseAndItsTaskGetsTheHigherPriority() {
        String tn = dispatched("SANITATION");
        String deadline = Instant.now().plus(Duration.ofHours(8)).atOffset(ZoneOffset.ofHours(8)).toString();

        // When the town leader orders supervision
        ResponseEntity<JsonNode> ordered = postJson(LEADER, "/api/cases/" + tn + "/supervision",
                Map.of("note", "群众反映强烈，限期办结", "deadline", deadline));

        // Then the case is supervised and the handler's task is moved up
        assertThat(ordered.getStatusCode()).as("%s", ordered.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode view = get(LEADER, "/api/cases/" + tn).getBody();
        assertThat(view.path("supervised").asBoolean()).isTrue();
        assertThat(view.path("supervisionDueAt").isMissingNode()).isFalse();
        assertThat(types(view)).contains("SUPERVISED");
        JsonNode tasks = get(GRID_WORKER, "/engine-rest/task?processInstanceBusinessKey=" + tn).getBody();
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).path("name").asText()).isEqualTo("办理诉求");
        assertThat(tasks.get(0).path("priority").asInt()).isEqualTo(80);
    }

    @Test
    void supervisionIsRefusedToGridWorkersWithoutANoteWithABadDeadlineAndOnAFinishedCase() {
        String tn = dispatched("SANITATION");
        String url = "/api/cases/" + tn + "/supervision";

        assertProblem(postJson(GRID_WORKER, url, Map.of("note", "请加快")), 403);
        assertThat(errorFields(assertProblem(postJson(LEADER, url, Map.of("deadline", "")), 400)))
                .containsExactly("note");
        assertThat(errorFields(assertProblem(postJson(LEADER, url, Map.of("note", "请加快", "deadline", "明天下午")),
                400))).containsExactly("deadline");
        assertThat(errorFields(assertProblem(postJson(LEADER, url, Map.of("note", "请加快",
                "deadline", "2020-01-01T08:00:00+08:00")), 400))).containsExactly("deadline");
        assertThat(get(LEADER, "/api/cases/" + tn).getBody().path("supervised").asBoolean()).isFalse();

        // a consultation is answered on the call: the case is finished at once
        String answered = register("CONSULTATION");
        assertThat(get(LEADER, "/api/cases/" + answered).getBody().path("status").asText()).isEqualTo("ANSWERED");
        JsonNode finished = assertProblem(postJson(LEADER, "/api/cases/" + answered + "/supervision",
                Map.of("note", "请加快")), 400);
        assertThat(finished.path("errors").get(0).path("message").asText()).contains("已结束");
        assertProblem(postJson(LEADER, "/api/cases/SQ-19990101-0001/supervision", Map.of("note", "请加快")), 404);
    }

    @Test
    void aDispatcherWithdrawsACaseForTheReporterAndItsProcessEnds() {
        String tn = dispatched("SANITATION");
        assertProblem(postJson(DISPATCHER, "/api/cases/" + tn + "/withdrawal", Map.of()), 400);

        ResponseEntity<JsonNode> withdrawn = postJson(DISPATCHER, "/api/cases/" + tn + "/withdrawal",
                Map.of("reason", "诉求人来电表示已自行解决"));

        assertThat(withdrawn.getStatusCode()).as("%s", withdrawn.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode view = get(DISPATCHER, "/api/cases/" + tn).getBody();
        assertThat(view.path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(view.path("light").asText()).isEqualTo("NONE");
        assertThat(view.path("outcomeNote").asText()).isEqualTo("诉求人来电表示已自行解决");
        assertThat(view.path("timeline").get(view.path("timeline").size() - 1).path("actor").asText())
                .isEqualTo(DISPATCHER);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(tn).count()).isZero();
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(tn)
                .processDefinitionKey(RequestProcess.PROCESS_ID).finished().count()).isOne();
        // its lights-and-ladder instance ended with it
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(tn).unfinished()
                .count()).isZero();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(tn).count()).isZero();
        // a second withdrawal finds the case finished
        assertProblem(postJson(DISPATCHER, "/api/cases/" + tn + "/withdrawal", Map.of("reason", "再次撤回")), 400);
    }

    // ---------------------------------------------------------------- the public survey page

    @Test
    void theReporterRatesTheResultOnThePublicPageOnce() {
        // Given a handled request: the reporter has a one-time link
        String tn = dispatched("SANITATION");
        work(tn, GRID_WORKER, Map.of("handlingOutcome", "RESOLVED", "handlingNote", "已清运"));
        String token = jdbc.queryForObject("select token from survey_token where tracking_number = ?", String.class,
                tn);
        String page = "/survey/" + token;

        // When the reporter opens it, without logging in
        ResponseEntity<String> form = rest.getForEntity(page, String.class);

        // Then it is a Chinese HTML form
        assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(form.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(form.getBody()).contains("lang=\"zh-CN\"", "请评价办理结果", tn, "<form method=\"post\"",
                "name=\"satisfaction\"", "满意", "提交评价");

        // A submission without the rating is sent back
        ResponseEntity<String> incomplete = postForm(page, Map.of("resolved", "YES"));
        assertThat(incomplete.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(incomplete.getBody()).contains("请完整填写", "请选择满意度");
        assertThat(get(DISPATCHER, "/api/cases/" + tn).getBody().path("status").asText()).isEqualTo("SURVEY");

        // A complete one closes the case
        ResponseEntity<String> thanks = postForm(page, Map.of("satisfaction", "SATISFIED", "resolved", "YES",
                "comment", "清理得很及时"));
        assertThat(thanks.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(thanks.getBody()).contains("感谢您的评价", tn);
        JsonNode closed = get(DISPATCHER, "/api/cases/" + tn).getBody();
        assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("satisfaction").asText()).isEqualTo("SATISFIED");
        assertThat(types(closed)).endsWith("SURVEYED", "CLOSED");

        // and the link is spent
        assertThat(postForm(page, Map.of("satisfaction", "UNSATISFIED", "resolved", "NO")).getStatusCode())
                .isEqualTo(HttpStatus.GONE);
        ResponseEntity<String> spent = rest.getForEntity(page, String.class);
        assertThat(spent.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(spent.getBody()).contains("链接已失效");
        assertThat(rest.getForEntity("/survey/no-such-token", String.class).getStatusCode())
                .isEqualTo(HttpStatus.GONE);
    }

    // ---------------------------------------------------------------- helpers

    /** A request from 刘桂芝 by the hotline, inside grid 1 of 东湖社区. */
    @Test
    void gridAndDepartmentStaffSeeOnlyTheirOwnCases() {
        // Given a sanitation request in grid 1 of 东湖社区: the grid handles it, URBAN_MGMT is its department
        String tn = register("SANITATION");

        // Then its grid worker and its department see it; a worker of a grid of 西河村 and another department do not
        assertThat(get(GRID_WORKER, "/api/cases/" + tn).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get(DEPARTMENT_HANDLER, "/api/cases/" + tn).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("wulei", "/api/cases/" + tn).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("liangxue", "/api/cases/" + tn).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(trackingNumbers(get("wulei", "/api/cases?size=200").getBody())).doesNotContain(tn);
        assertThat(trackingNumbers(get(GRID_WORKER, "/api/cases?size=200").getBody())).contains(tn);
        // and the town's staff see everything
        assertThat(trackingNumbers(get(LEADER, "/api/cases?size=200").getBody())).contains(tn);
    }

    private static Map<String, Object> request(String category) {
        Map<String, Object> body = new HashMap<>();
        body.put("category", category);
        body.put("description", "东湖小区3号楼前垃圾堆放多日无人清运");
        body.put("channel", "HOTLINE");
        body.put("location", Map.of("lat", LAT, "lng", LNG));
        body.put("address", "示范镇东湖小区3号楼");
        body.put("reporter", Map.of("name", "刘桂芝", "phone", "13700000101"));
        return body;
    }

    private String register(String category) {
        ResponseEntity<JsonNode> response = postJson(DISPATCHER, "/api/requests", request(category));
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
        return response.getBody().path("trackingNumber").asText();
    }

    /** Registered and verified by the grid worker: waiting at 办理诉求. */
    private String dispatched(String category) {
        String tn = register(category);
        work(tn, GRID_WORKER, Map.of("verifyOutcome", "VALID", "verifyNote", "现场属实"));
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(tn).singleResult().getTaskDefinitionKey())
                .isEqualTo(RequestProcess.TASK_HANDLE);
        return tn;
    }

    private void work(String tn, String login, Map<String, Object> variables) {
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(tn).singleResult();
        taskService.claim(task.getId(), login);
        taskService.complete(task.getId(), variables);
    }

    private ResponseEntity<JsonNode> postRaw(String login, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return as(login).exchange("/api/requests", HttpMethod.POST, new HttpEntity<>(json, headers), JsonNode.class);
    }

    private ResponseEntity<String> postForm(String path, Map<String, String> fields) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    }

    private long caseCount() {
        return jdbc.queryForObject("select count(*) from case_file", Long.class);
    }

    private long processCount() {
        return historyService.createHistoricProcessInstanceQuery().count();
    }

    private static List<String> types(JsonNode view) {
        List<String> types = new ArrayList<>();
        view.path("timeline").forEach(e -> types.add(e.path("type").asText()));
        return types;
    }

    private static List<String> trackingNumbers(JsonNode page) {
        List<String> numbers = new ArrayList<>();
        page.path("items").forEach(c -> numbers.add(c.path("trackingNumber").asText()));
        return numbers;
    }
}

package org.gridcase.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.gridcase.GridCaseTest;
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

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Risk reports (风险隐患上报) over HTTP as the demo users see them: reporting through {@code POST /api/risks} (who may
 * report where, which residents he may name, every bad field named at once, once per {@code externalId}), reading the
 * case through {@code /api/cases/{trackingNumber}}, and the hazard register ({@code /api/risks/register}) scoped to the
 * caller. The grid leader's verification is completed through the engine's Java API to set the scene.
 */
class RiskApiTest extends GridCaseTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Inside grid 1 of 东湖社区 (and its micro grid M01). */
    private static final double[] EAST_LAKE_1 = {41.1035, 122.0060};
    /** Inside grid 2 of 东湖社区 (building SFZ-B0201). */
    private static final double[] EAST_LAKE_2 = {41.1150, 122.0100};
    /** Inside grid 1 of 西河村. */
    private static final double[] WEST_RIVER_1 = {41.1050, 122.0450};
    private static final String GRID_WORKER = "zhangwei"; // 东湖社区第一网格
    private static final String WEST_RIVER_WORKER = "wulei"; // 西河村第一网格
    private static final String GRID_LEADER = "maxiuying"; // 东湖社区第一网格
    private static final String EAST_LAKE_SECRETARY = "zhoulihua"; // 东湖社区
    private static final String TOWN_LEADER = "lizhenhua";
    private static final String DISPATCHER = "chenxiaoyan";
    private static final String DEPARTMENT_HANDLER = "luojun";

    @Autowired
    TaskService taskService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    HistoryService historyService;
    @Autowired
    Registry registry;
    @Autowired
    JdbcTemplate jdbc;

    // ---------------------------------------------------------------- reporting

    @Test
    void gridWorkerReportsAHazardOfHisGridAndItWaitsForTheGridLeadersVerification() {
        // Given a point inside grid 1 of 东湖社区, the grid worker's own grid
        LocalDate dayBefore = LocalDate.now(SHANGHAI);

        // When he reports a fire hazard there
        ResponseEntity<JsonNode> response = postJson(GRID_WORKER, "/api/risks", risk("FIRE", EAST_LAKE_1));
        LocalDate dayAfter = LocalDate.now(SHANGHAI);

        // Then the case has an FX tracking number of today, the grid, and a Location to read it at
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
        String tn = response.getBody().path("trackingNumber").asText();
        assertThat(tn).matches("FX-\\d{8}-\\d{4}");
        assertThat(tn.substring(3, 11)).isIn(DateTimeFormatter.BASIC_ISO_DATE.format(dayBefore),
                DateTimeFormatter.BASIC_ISO_DATE.format(dayAfter));
        assertThat(response.getBody().path("gridCode").asText()).isEqualTo("SFZ-C01-G01");
        assertThat(response.getBody().path("type").asText()).isEqualTo("FIRE");
        assertThat(response.getHeaders().getLocation().getPath()).isEqualTo("/api/cases/" + tn);

        // and the grid leader of that grid verifies it on site, before the verification limit
        Task verify = taskService.createTaskQuery().processInstanceBusinessKey(tn).singleResult();
        assertThat(verify.getTaskDefinitionKey()).isEqualTo(RiskProcess.TASK_VERIFY);
        assertThat(verify.getName()).isEqualTo("核实隐患");
        assertThat(candidateGroups(verify)).containsExactly("grid-leaders-SFZ-C01-G01");
        assertThat(verify.getDueDate()).isNotNull();
        assertThat(Instant.parse(response.getBody().path("verifyDueAt").asText())).isAfter(Instant.now());
        assertThat(taskService.getVariable(verify.getId(), "categoryName")).isEqualTo("消防安全隐患");
        assertThat(taskService.getVariable(verify.getId(), "severity")).isEqualTo("MEDIUM");
    }

    @Test
    void badInputIsRefusedNamingEveryBadFieldAndNothingIsWritten() {
        // Given the counts of cases and processes before
        long cases = caseCount();
        long processes = processCount();

        // When a report with seven faults at once is sent
        Map<String, Object> manyFaults = new HashMap<>();
        manyFaults.put("type", "EARTHQUAKE");
        manyFaults.put("severity", "APOCALYPTIC");
        manyFaults.put("peopleAffected", -1);
        manyFaults.put("location", Map.of("lat", 95.0, "lng", 122.0));
        manyFaults.put("residentIds", List.of(999_999_999L));
        manyFaults.put("externalId", "x".repeat(200));
        JsonNode problem = assertProblem(postJson(GRID_WORKER, "/api/risks", manyFaults), 400);

        // Then every fault is named in one answer
        assertThat(errorFields(problem)).containsExactlyInAnyOrder("type", "description", "severity",
                "peopleAffected", "location.lat", "residentIds[0]", "externalId");
        assertThat(problem.path("detail").asText()).contains("7 处错误");

        // And the other ways to get it wrong are 400 too, each naming its field
        Map<String, Object> nowhere = risk("FIRE", EAST_LAKE_1);
        nowhere.remove("location");
        nowhere.remove("address");
        assertThat(errorFields(assertProblem(postJson(GRID_WORKER, "/api/risks", nowhere), 400)))
                .containsExactly("location");
        assertThat(errorFields(assertProblem(postJson(GRID_WORKER, "/api/risks",
                risk("FIRE", new double[] {0, 0})), 400))).containsExactly("location");
        for (Object people : List.of(1.5, 100_001, "许多")) {
            Map<String, Object> wrong = risk("FIRE", EAST_LAKE_1);
            wrong.put("peopleAffected", people);
            assertThat(errorFields(assertProblem(postJson(GRID_WORKER, "/api/risks", wrong), 400)))
                    .as("peopleAffected %s", people).containsExactly("peopleAffected");
        }
        Map<String, Object> noPeople = risk("FIRE", EAST_LAKE_1);
        noPeople.remove("peopleAffected");
        assertThat(errorFields(assertProblem(postJson(GRID_WORKER, "/api/risks", noPeople), 400)))
                .containsExactly("peopleAffected");
        assertThat(errorFields(assertProblem(postRaw(GRID_WORKER, ""), 400))).containsExactly("body");
        assertProblem(postRaw(GRID_WORKER, "{\"type\": \"FIRE\", "), 400);

        // and nothing was written
        assertThat(caseCount()).isEqualTo(cases);
        assertThat(processCount()).isEqualTo(processes);
    }

    @Test
    void dispatchersDepartmentsAndTownLeadersMayNotReport() {
        long cases = caseCount();
        // Given roles that receive or handle hazards but do not report them
        for (String login : List.of(DISPATCHER, DEPARTMENT_HANDLER)) {
            // When one of them reports, Then 403
            assertProblem(postJson(login, "/api/risks", risk("FIRE", EAST_LAKE_1)), 403);
        }
        // the town's leaders receive the direct reports; they are no grid's reporter
        assertProblem(postJson(TOWN_LEADER, "/api/risks", risk("FIRE", EAST_LAKE_1)), 403);
        // and nobody anonymous
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        assertProblem(rest.exchange("/api/risks", HttpMethod.POST, new HttpEntity<>(risk("FIRE", EAST_LAKE_1), headers),
                JsonNode.class), 401);
        assertThat(caseCount()).isEqualTo(cases);
    }

    @Test
    void aGridWorkerReportsOnlyInHisOwnGrid() {
        // Given the grid worker of 西河村第一网格
        // When he reports a hazard at a point of 东湖社区第一网格
        JsonNode problem = assertProblem(postJson(WEST_RIVER_WORKER, "/api/risks", risk("GAS", EAST_LAKE_1)), 400);

        // Then it is refused on the location, naming the grid that is not his
        assertThat(errorFields(problem)).containsExactly("location");
        assertThat(problem.path("errors").get(0).path("message").asText()).contains("东湖社区第一网格", "不在您负责的网格内");

        // while a report of his own grid is taken
        assertThat(postJson(WEST_RIVER_WORKER, "/api/risks", risk("GAS", WEST_RIVER_1)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        // and a grid leader reports in his grid too
        assertThat(postJson(GRID_LEADER, "/api/risks", risk("GAS", EAST_LAKE_1)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void aCommunitySecretaryReportsInEveryGridOfHisCommunityAndNoOther() {
        // Given the secretary of 东湖社区
        // When he reports in its second grid, Then it is taken
        ResponseEntity<JsonNode> inCommunity = postJson(EAST_LAKE_SECRETARY, "/api/risks",
                risk("STABILITY", EAST_LAKE_2));
        assertThat(inCommunity.getStatusCode()).as("%s", inCommunity.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(inCommunity.getBody().path("gridCode").asText()).isEqualTo("SFZ-C01-G02");

        // When he reports in 西河村, Then it is refused
        assertThat(errorFields(assertProblem(postJson(EAST_LAKE_SECRETARY, "/api/risks",
                risk("STABILITY", WEST_RIVER_1)), 400))).containsExactly("location");

        // and an address alone does not tell which of his three grids
        Map<String, Object> addressOnly = risk("STABILITY", EAST_LAKE_2);
        addressOnly.remove("location");
        assertThat(errorFields(assertProblem(postJson(EAST_LAKE_SECRETARY, "/api/risks", addressOnly), 400)))
                .containsExactly("location");
    }

    @Test
    void aGridWorkerMayGiveAnAddressAloneForHisOnlyGrid() {
        Map<String, Object> addressOnly = risk("BUILDING", EAST_LAKE_1);
        addressOnly.remove("location");
        ResponseEntity<JsonNode> response = postJson(GRID_WORKER, "/api/risks", addressOnly);
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(response.getBody().path("gridCode").asText()).isEqualTo("SFZ-C01-G01");
    }

    @Test
    void residentsOfTheReportersGridMayBeNamedAndOthersAreRefused() {
        // Given an elderly resident living alone in grid 1 and a seriously ill resident in grid 2
        long elderly = residentId("210302194503120023");
        long ill = residentId("210302197202280046");

        // When the grid worker of grid 1 names the resident of grid 2
        JsonNode problem = assertProblem(postJson(GRID_WORKER, "/api/risks",
                withResidents(risk("WELFARE", EAST_LAKE_1), elderly, ill)), 400);

        // Then that resident is refused, by position, without telling whether he exists
        assertThat(errorFields(problem)).containsExactly("residentIds[1]");
        assertThat(problem.path("errors").get(0).path("message").asText()).contains("不存在或不在您负责的网格内");

        // When he names the resident of his own grid, Then the report is taken and marked as involving a
        // special-population resident
        ResponseEntity<JsonNode> response = postJson(GRID_WORKER, "/api/risks",
                withResidents(risk("WELFARE", EAST_LAKE_1), elderly));
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
        String tn = response.getBody().path("trackingNumber").asText();
        Task verify = taskService.createTaskQuery().processInstanceBusinessKey(tn).singleResult();
        assertThat(taskService.getVariable(verify.getId(), RiskProcess.VULNERABLE)).isEqualTo(true);
        assertThat(jdbc.queryForList("select resident_id from risk_report_resident rr join risk_report r "
                + "on r.id = rr.risk_report_id where r.tracking_number = ?", Long.class, tn)).containsExactly(elderly);
    }

    @Test
    void theSameExternalIdTwiceReportsOneHazardAndAnotherReportUnderItIsAConflict() {
        // Given a report sent with the grid app's own id
        String externalId = "app-" + UUID.randomUUID();
        Map<String, Object> body = risk("TRAFFIC", EAST_LAKE_1);
        body.put("externalId", externalId);
        ResponseEntity<JsonNode> first = postJson(GRID_WORKER, "/api/risks", body);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String tn = first.getBody().path("trackingNumber").asText();

        // When the app sends it again (a retry after a timeout)
        ResponseEntity<JsonNode> again = postJson(GRID_WORKER, "/api/risks", body);

        // Then the answer is the first case; there is one case, one report and one process
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody().path("trackingNumber").asText()).isEqualTo(tn);
        assertThat(jdbc.queryForObject("select count(*) from case_file where external_id = ?", Long.class,
                externalId)).isOne();
        assertThat(jdbc.queryForObject("select count(*) from risk_report where tracking_number = ?", Long.class, tn))
                .isOne();
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(tn).count()).isOne();

        // and a different report under the same id is a conflict
        body.put("description", "另一处隐患");
        assertProblem(postJson(GRID_WORKER, "/api/risks", body), 409);
    }

    // ---------------------------------------------------------------- reading

    @Test
    void theCaseOfARiskReadsLikeEveryCaseWithItsTypeLevelAndMeasures() {
        // Given a reported and verified hazard
        String tn = reported(GRID_WORKER, risk("FIRE", EAST_LAKE_1));
        verify(tn, "HIGH", 12, false);

        // When the grid worker reads its case
        ResponseEntity<JsonNode> response = get(GRID_WORKER, "/api/cases/" + tn);

        // Then it is a case of kind RISK with its grid, light, timeline and the risk's own facts
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode view = response.getBody();
        assertThat(view.path("kind").asText()).isEqualTo("RISK");
        assertThat(view.path("kindName").asText()).isEqualTo("风险隐患");
        assertThat(view.path("category").asText()).isEqualTo("FIRE");
        assertThat(view.path("gridCode").asText()).isEqualTo("SFZ-C01-G01");
        assertThat(view.path("status").asText()).isEqualTo("HANDLING");
        assertThat(view.path("light").asText()).isEqualTo("GREEN");
        assertThat(types(view)).containsSubsequence("REGISTERED", "VERIFIED", "GRADED", "ROUTED",
                "INSTRUCTION_REQUESTED", "DISPATCHED");
        assertThat(view.path("timeline").get(0).path("actor").asText()).isEqualTo(GRID_WORKER);
        JsonNode details = view.path("details");
        assertThat(details.path("type").asText()).isEqualTo("FIRE");
        assertThat(details.path("typeName").asText()).isEqualTo("消防安全隐患");
        assertThat(details.path("level").asText()).isEqualTo("II");
        assertThat(details.path("levelName").asText()).isEqualTo("Ⅱ级（较大）");
        assertThat(details.path("severity").asText()).isEqualTo("HIGH");
        assertThat(details.path("peopleAffected").asInt()).isEqualTo(12);

        // and the grid worker of another community does not even learn it exists
        assertProblem(get(WEST_RIVER_WORKER, "/api/cases/" + tn), 404);
    }

    // ---------------------------------------------------------------- the register (隐患台账)

    @Test
    void theRegisterListsTheOpenHazardsOfAnAreaWithLevelLightAndDaysOpen() {
        // Given a graded hazard in grid 1, reported three days ago, and one awaiting verification
        String graded = reported(GRID_WORKER, risk("BUILDING", EAST_LAKE_1));
        verify(graded, "CRITICAL", 40, false);
        jdbc.update("update case_file set created_at = ? where tracking_number = ?",
                utc(Instant.now().minus(Duration.ofDays(3)).minusSeconds(60)), graded);
        String waiting = reported(GRID_WORKER, risk("TRAFFIC", EAST_LAKE_1));

        // When the grid worker reads the register of his grid
        ResponseEntity<JsonNode> response = get(GRID_WORKER, "/api/risks/register?area=SFZ-C01-G01");

        // Then both are there with level, light and days open, the gravest first
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode register = response.getBody();
        assertThat(register.path("areaName").asText()).isEqualTo("东湖社区第一网格");
        assertThat(register.path("openOnly").asBoolean()).isTrue();
        JsonNode first = entry(register, graded);
        assertThat(first.path("level").asText()).isEqualTo("I");
        assertThat(first.path("levelName").asText()).isEqualTo("Ⅰ级（重大）");
        assertThat(first.path("light").asText()).isEqualTo("GREEN");
        assertThat(first.path("lightName").asText()).isEqualTo("绿灯");
        assertThat(first.path("daysOpen").asLong()).isEqualTo(3);
        assertThat(first.path("typeName").asText()).isEqualTo("房屋建筑安全隐患");
        assertThat(first.path("instructions").asInt()).isZero();
        JsonNode second = entry(register, waiting);
        assertThat(second.has("level")).isFalse();
        assertThat(second.path("levelName").asText()).isEqualTo("待核实定级");
        assertThat(second.path("daysOpen").asLong()).isZero();
        assertThat(trackingNumbers(register).indexOf(graded)).isLessThan(trackingNumbers(register).indexOf(waiting));
        register.path("entries").forEach(e -> assertThat(e.path("gridCode").asText()).isEqualTo("SFZ-C01-G01"));

        // and a hazard past its limit is red
        jdbc.update("update case_file set handling_due_at = ? where tracking_number = ?",
                utc(Instant.now().minusSeconds(60)), graded);
        assertThat(entry(get(GRID_WORKER, "/api/risks/register?area=SFZ-C01-G01").getBody(), graded)
                .path("light").asText()).isEqualTo("RED");
    }

    @Test
    void theRegisterOfACommunityOrTownIsForThoseWhoseJurisdictionCoversAllOfIt() {
        // Given a hazard in grid 1 of 东湖社区
        String tn = reported(GRID_WORKER, risk("FOOD_DRUG", EAST_LAKE_1));

        // Then the community's secretary, the town's leader and a dispatcher see it in their registers
        assertThat(trackingNumbers(register(EAST_LAKE_SECRETARY, "SFZ-C01", 200))).contains(tn);
        assertThat(trackingNumbers(register(TOWN_LEADER, "SFZ", 200))).contains(tn);
        assertThat(trackingNumbers(register(DISPATCHER, "SFZ", 200))).contains(tn);
        // the register of another community does not list it
        assertThat(trackingNumbers(register(TOWN_LEADER, "SFZ-C02", 200))).doesNotContain(tn);

        // a grid worker may read his grid's register but not his community's (403), nor another's (404)
        register(GRID_WORKER, "SFZ-C01", 403);
        register(GRID_WORKER, "SFZ-C02-G01", 404);
        register(WEST_RIVER_WORKER, "SFZ-C01-G01", 404);
        // a department's staff have no area register; an unknown area is not found; the area is required
        register(DEPARTMENT_HANDLER, "SFZ-C01-G01", 404);
        register(TOWN_LEADER, "SFZ-C99", 404);
        assertThat(errorFields(assertProblem(get(TOWN_LEADER, "/api/risks/register"), 400))).containsExactly("area");
    }

    @Test
    void aWithdrawnHazardLeavesTheOpenRegisterAndStaysInTheFullOne() {
        // Given a hazard on the open register
        String tn = reported(GRID_WORKER, risk("PUBLIC_ORDER", EAST_LAKE_1));
        assertThat(trackingNumbers(register(GRID_WORKER, "SFZ-C01-G01", 200))).contains(tn);

        // When the grid worker withdraws it (reported by mistake)
        ResponseEntity<JsonNode> withdrawn = postJson(GRID_WORKER, "/api/cases/" + tn + "/withdrawal",
                Map.of("reason", "误报，现场为施工围挡"));
        assertThat(withdrawn.getStatusCode()).as("%s", withdrawn.getBody()).isEqualTo(HttpStatus.ACCEPTED);

        // Then it is off the open register, on the full one as withdrawn, and nothing of its process is left
        assertThat(trackingNumbers(register(GRID_WORKER, "SFZ-C01-G01", 200))).doesNotContain(tn);
        JsonNode all = get(GRID_WORKER, "/api/risks/register?area=SFZ-C01-G01&open=false").getBody();
        assertThat(entry(all, tn).path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(entry(all, tn).path("light").asText()).isEqualTo("NONE");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(tn).count()).isZero();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(tn).count()).isZero();
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, Object> risk(String type, double[] point) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", type);
        body.put("description", "巡查发现：东湖小区1号楼楼道堆放杂物，堵塞消防通道");
        body.put("location", Map.of("lat", point[0], "lng", point[1]));
        body.put("address", "示范镇东湖小区1号楼");
        body.put("severity", "MEDIUM");
        body.put("peopleAffected", 6);
        return body;
    }

    private static Map<String, Object> withResidents(Map<String, Object> body, Long... ids) {
        body.put("residentIds", List.of(ids));
        return body;
    }

    private String reported(String login, Map<String, Object> body) {
        ResponseEntity<JsonNode> response = postJson(login, "/api/risks", body);
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
        return response.getBody().path("trackingNumber").asText();
    }

    /** The grid leader confirms the hazard as he found it on site. */
    private void verify(String tn, String severity, long people, boolean vulnerable) {
        Task verify = taskService.createTaskQuery().processInstanceBusinessKey(tn)
                .taskDefinitionKey(RiskProcess.TASK_VERIFY).singleResult();
        taskService.claim(verify.getId(), GRID_LEADER);
        taskService.complete(verify.getId(), Map.of(RiskProcess.VERIFY_OUTCOME, RiskProcess.CONFIRMED,
                RiskProcess.VERIFY_NOTE, "现场属实", RiskProcess.SEVERITY, severity,
                RiskProcess.PEOPLE_AFFECTED, people, RiskProcess.VULNERABLE, vulnerable));
    }

    private JsonNode register(String login, String area, int status) {
        ResponseEntity<JsonNode> response = get(login, "/api/risks/register?area=" + area);
        if (status != 200) {
            return assertProblem(response, status);
        }
        assertThat(response.getStatusCode()).as("%s %s: %s", login, area, response.getBody())
                .isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static List<String> trackingNumbers(JsonNode register) {
        List<String> numbers = new ArrayList<>();
        register.path("entries").forEach(e -> numbers.add(e.path("trackingNumber").asText()));
        return numbers;
    }

    private static JsonNode entry(JsonNode register, String tn) {
        for (JsonNode e : register.path("entries")) {
            if (tn.equals(e.path("trackingNumber").asText())) {
                return e;
            }
        }
        throw new AssertionError(tn + " is not on the register " + register);
    }

    private static List<String> types(JsonNode view) {
        List<String> types = new ArrayList<>();
        view.path("timeline").forEach(e -> types.add(e.path("type").asText()));
        return types;
    }

    private List<String> candidateGroups(Task task) {
        return taskService.getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> "candidate".equals(l.getType())).map(IdentityLink::getGroupId).toList();
    }

    /** A moment as the case table keeps it: the UTC wall time (hibernate.jdbc.time_zone). */
    private static java.sql.Timestamp utc(Instant instant) {
        return java.sql.Timestamp.valueOf(java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC));
    }

    private long residentId(String idNumber) {
        return jdbc.queryForObject("select id from resident where id_number = ?", Long.class, idNumber);
    }

    private long caseCount() {
        return jdbc.queryForObject("select count(*) from case_file", Long.class);
    }

    private long processCount() {
        return historyService.createHistoricProcessInstanceQuery().count();
    }

    private ResponseEntity<JsonNode> postRaw(String login, String json) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return as(login).exchange("/api/risks", HttpMethod.POST, new HttpEntity<>(json, headers), JsonNode.class);
    }
}

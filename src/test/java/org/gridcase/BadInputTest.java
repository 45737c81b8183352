package org.gridcase;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
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
 * Input that used to reach the database or the engine and come back as a 500: each one is a 400 problem naming the
 * field, with no SQL, class name or stack trace in the answer, and nothing is written.
 */
class BadInputTest extends GridCaseTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aValidLookingReporterEmailLongerThanItsColumnIsRefusedNamingTheField() {
        long cases = caseCount();
        Map<String, Object> body = request();
        body.put("reporter", Map.of("name", "刘桂芝", "phone", "13700000101",
                "email", "a".repeat(120) + "@example.com"));

        JsonNode problem = assertProblem(postJson("chenxiaoyan", "/api/requests", body), 400);

        assertThat(errorFields(problem)).containsExactly("reporter.email");
        assertClean(problem);
        assertThat(caseCount()).isEqualTo(cases);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"lat, NaN", "lat, Infinity", "lat, -Infinity", "lng, NaN", "lng, Infinity"})
    void aLocationThatIsNotAFiniteNumberIsRefused(String axis, String value) {
        long cases = caseCount();
        Map<String, Object> location = new HashMap<>(Map.of("lat", 41.1035, "lng", 122.0060));
        location.put(axis, value);
        Map<String, Object> body = request();
        body.put("location", location);

        JsonNode problem = assertProblem(postJson("chenxiaoyan", "/api/requests", body), 400);

        assertThat(errorFields(problem)).containsExactly("location." + axis);
        assertThat(caseCount()).isEqualTo(cases);
    }

    @Test
    void aSupervisionDeadlineAtTheEndOfTimeIsRefused() {
        ResponseEntity<JsonNode> registered = postJson("chenxiaoyan", "/api/requests", request());
        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String tn = registered.getBody().path("trackingNumber").asText();

        for (String deadline : new String[] {"+999999999-12-31T23:59:59+08:00", "2999-01-01T00:00:00+08:00"}) {
            JsonNode problem = assertProblem(postJson("lizhenhua", "/api/cases/" + tn + "/supervision",
                    Map.of("note", "限期办结", "deadline", deadline)), 400);
            assertThat(errorFields(problem)).containsExactly("deadline");
            assertClean(problem);
        }
        assertThat(get("lizhenhua", "/api/cases/" + tn).getBody().path("supervised").asBoolean()).isFalse();
    }

    @Test
    void aPeopleCsvWithAnEmailLongerThanItsColumnIsRefusedNamingTheCell() {
        String csv = "login,name,phone,email,role,area,department\n"
                + "badinput01,测试员,13900000099," + "b".repeat(120) + "@example.com,GRID_WORKER,SFZ-C01-G01,\n";

        JsonNode problem = assertProblem(postCsv("admin", "/api/registry/people/import", csv), 400);

        assertThat(errorFields(problem)).containsExactly("row 2.email");
        assertClean(problem);
        assertThat(get("admin", "/api/registry/people?q=badinput01").getBody().path("totalItems").asInt()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "people name|/api/registry/people/import|login,name,role,area\\nbadinput02,NAME65,GRID_WORKER,SFZ-C01-G01|row 2.name",
            "resident name|/api/registry/residents/import|idNumber,name,building\\n210302199901010011,NAME65,SFZ-B0101|row 2.name",
            "resident room|/api/registry/residents/import|idNumber,name,building,room\\n210302199901010011,测试,SFZ-B0101,ROOM33|row 2.room",
            "building address|/api/registry/buildings/import|code,address,grid\\nBADINPUT-B1,ADDRESS256,SFZ-C01-G01|row 2.address",
            "building code|/api/registry/buildings/import|code,address,grid\\nCODE65,测试地址,SFZ-C01-G01|row 2.code"})
    void everyCsvCellLongerThanItsColumnIsRefusedNamingTheCell(String what, String path, String csv, String field) {
        String text = csv.replace("\\n", "\n").replace("NAME65", "名".repeat(65)).replace("ROOM33", "1".repeat(33))
                .replace("ADDRESS256", "址".repeat(256)).replace("CODE65", "C".repeat(65));

        JsonNode problem = assertProblem(postCsv("admin", path, text), 400);

        assertThat(errorFields(problem)).containsExactly(field);
        assertClean(problem);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/registry/people/import", "/api/registry/buildings/import",
            "/api/registry/residents/import"})
    void aCsvThatIsOnlyAByteOrderMarkOrEmptyIsRefused(String path) {
        for (String csv : new String[] {"\uFEFF", "\uFEFF\r\n", "\uFEFF   ", "   "}) {
            JsonNode problem = assertProblem(postCsv("admin", path, csv), 400);
            assertThat(errorFields(problem)).containsExactly("body");
        }
    }

    // ---------------------------------------------------------------- found by the hostile input drill

    @Test
    void aJsonBodyWithGarbageAfterItIsRefusedNotReadUpToTheGarbage() {
        long cases = caseCount();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(request()).toString() + "}]}";

        JsonNode problem = assertProblem(as("chenxiaoyan").exchange("/api/requests", HttpMethod.POST,
                new HttpEntity<>(body, headers), JsonNode.class), 400);

        assertThat(errorFields(problem)).containsExactly("body");
        assertThat(caseCount()).isEqualTo(cases);
    }

    @Test
    void aCsvRowWithMoreCellsThanTheHeaderIsRefusedNamingTheRow() {
        String csv = "login,name,role,area\nbadinput03,测试员,GRID_WORKER,SFZ-C01-G01,多出来的一列\n";

        JsonNode problem = assertProblem(postCsv("admin", "/api/registry/people/import", csv), 400);

        assertThat(errorFields(problem)).containsExactly("row 2");
        assertThat(get("admin", "/api/registry/people?q=badinput03").getBody().path("totalItems").asInt()).isZero();
    }

    @Test
    void aMultipartBodyThatCannotBeParsedIsA400() {
        ResponseEntity<JsonNode> registered = postJson("chenxiaoyan", "/api/requests", request());
        String tn = registered.getBody().path("trackingNumber").asText();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("multipart/form-data; boundary=XyZ"));

        JsonNode problem = assertProblem(as("zhangwei").exchange("/api/cases/" + tn + "/attachments", HttpMethod.POST,
                new HttpEntity<>("--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc", headers),
                JsonNode.class), 400);

        assertThat(errorFields(problem)).containsExactly("body");
        assertThat(jdbc.queryForObject("select count(*) from case_attachment a join case_file c on c.id = a.case_id "
                + "where c.tracking_number = ?", Long.class, tn)).isZero();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"PATCH, /api/requests, 405", "GET, /api/no-such-thing, 404", "GET, /api/cases/a;b=c, 400",
            "GET, /api/cases/%2e%2e/attachments, 400", "POST, /api/registry/areas/import, 415"})
    void anErrorNoControllerAnswersIsAProblemToo(String method, String path, int status) {
        ResponseEntity<JsonNode> response = as("admin").exchange(java.net.URI.create(rest.getRootUri() + path),
                HttpMethod.valueOf(method), new HttpEntity<>("x", new HttpHeaders()), JsonNode.class);

        assertProblem(response, status);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/cases/%00", "/api/cases/a%5Cb", "/open311/v2/services/%2F.xml"})
    void aPathTomcatRefusesIsAProblemWithoutTomcatsPage(String path) {
        ResponseEntity<String> response = as("admin").exchange(java.net.URI.create(rest.getRootUri() + path),
                HttpMethod.GET, null, String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        assertThat(response.getBody()).contains("malformed-request").doesNotContain("Tomcat", "<html");
    }

    @Test
    void anOpen311PathTheFirewallRefusesAnswersGeoReportsErrorList() {
        ResponseEntity<String> response = rest.exchange(java.net.URI.create(rest.getRootUri()
                + "/open311/v2/requests/a;b=c.json"), HttpMethod.GET, null, String.class);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody()).startsWith("[{\"code\":400,");
    }

    @Test
    void anOpen311ParameterNameWithALineBreakAndADateBeyondYear9999AreA400() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        ResponseEntity<String> name = rest.exchange("/open311/v2/requests.json", HttpMethod.POST,
                new HttpEntity<>("service_code=NOISE&attribute%5Ba%0D%0ASet-Cookie%3A+x%5D=1", headers), String.class);
        assertThat(name.getStatusCode().value()).isEqualTo(400);
        assertThat(name.getBody()).startsWith("[{\"code\":400,");

        ResponseEntity<String> date = rest.getForEntity(
                "/open311/v2/requests.json?start_date=%2B999999999-12-31T23:59:59Z", String.class);
        assertThat(date.getStatusCode().value()).isEqualTo(400);
        assertThat(date.getBody()).contains("start_date");
    }

    @Test
    void completingATaskThatDoesNotExistIsA404AndABrokenModelIsA400ForTheProcessOwner() {
        JsonNode unknown = assertProblem(postJson("zhangwei", "/engine-rest/task/no-such-task/complete",
                Map.of("variables", Map.of())), 404);
        assertClean(unknown);

        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        var form = new org.springframework.util.LinkedMultiValueMap<String, Object>();
        form.add("deployment-name", "坏模型");
        form.add("data", new org.springframework.core.io.ByteArrayResource("<definitions>".getBytes()) {
            @Override
            public String getFilename() {
                return "broken.bpmn";
            }
        });
        long deployments = jdbc.queryForObject("select count(*) from ACT_RE_DEPLOYMENT", Long.class);

        JsonNode broken = assertProblem(as("zhongwen").exchange("/engine-rest/deployment/create", HttpMethod.POST,
                new HttpEntity<>(form, headers), JsonNode.class), 400);

        assertThat(broken.path("title").asText()).isEqualTo("模型文件无法解析");
        assertClean(broken);
        assertThat(jdbc.queryForObject("select count(*) from ACT_RE_DEPLOYMENT", Long.class)).isEqualTo(deployments);
    }

    @Test
    void aWorkingDayCountOrANoticeDeadlineCenturiesAwayIsRefusedNamingTheField() {
        assertThat(errorFields(assertProblem(get("zhangwei",
                "/api/calendar/add-working-days?days=1&from=%2B999999999-12-31T23:59:59Z"), 400))).containsExactly("from");

        Map<String, Object> notice = new HashMap<>(Map.of("title", "停水通知", "text", "明日停水", "kind", "SAFETY",
                "confirmBy", "+999999999-12-31T23:59:59+08:00", "areaCodes", java.util.List.of("SFZ-C01-G01")));
        assertThat(errorFields(assertProblem(postJson("maxiuying", "/api/notices", notice), 400)))
                .containsExactly("confirmBy");
        assertThat(jdbc.queryForObject("select count(*) from notice where title = '停水通知'", Long.class)).isZero();
    }

    @Test
    void aValueTheFormsRadioDoesNotOfferIsRefusedOnEveryCompletionEndpoint() {
        String tn = postJson("chenxiaoyan", "/api/requests", request()).getBody().path("trackingNumber").asText();
        String task = get("admin", "/engine-rest/task?processInstanceBusinessKey=" + tn).getBody().get(0).path("id")
                .asText();
        for (String endpoint : new String[] {"complete", "submit-form", "resolve"}) {
            JsonNode problem = assertProblem(postJson("zhangwei", "/engine-rest/task/" + task + "/" + endpoint,
                    Map.of("variables", Map.of("verifyOutcome", Map.of("value", "' OR '1'='1")))), 400);
            assertThat(errorFields(problem)).containsExactly("variables.verifyOutcome");
        }
        assertThat(get("admin", "/engine-rest/task/" + task + "/variables/verifyOutcome").getStatusCode().value())
                .isEqualTo(404);
    }

    private static void assertClean(JsonNode problem) {
        String text = problem.toString().toLowerCase();
        assertThat(text).doesNotContain("insert ", "update ", "select ", "exception", "org.", "java.", "sql");
    }

    private Map<String, Object> request() {
        Map<String, Object> body = new HashMap<>();
        body.put("category", "SANITATION");
        body.put("description", "东湖小区3号楼前垃圾堆放多日无人清运");
        body.put("channel", "HOTLINE");
        body.put("location", Map.of("lat", 41.1035, "lng", 122.0060));
        body.put("address", "示范镇东湖小区3号楼");
        body.put("reporter", Map.of("name", "刘桂芝", "phone", "13700000101"));
        return body;
    }

    private long caseCount() {
        return jdbc.queryForObject("select count(*) from case_file", Long.class);
    }
}

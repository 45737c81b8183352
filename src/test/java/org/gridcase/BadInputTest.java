package org.gridcase;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
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

package org.gridcase.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.gridcase.GridCaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Who may run which command on which case, over HTTP: every {@code /api/cases/{tn}/…} command is checked by role and
 * by the case's grid, department or area (one policy, {@code CaseAccess}). A case the caller may not see is a 404 as
 * on GET; a visible case whose command the caller's role does not allow is a 403. A refused command changes nothing.
 */
class CaseAccessTest extends GridCaseTest {

    /** A second town beside 示范镇, with one grid: the "other" case of town-level staff lies there. */
    static final String OTHER_TOWN_GRID = OtherTown.GRID;

    @Autowired
    TaskService taskService;

    enum Command {
        WITHDRAWAL("withdrawal", Map.of("reason", "诉求人来电撤回")),
        SUPERVISION("supervision", Map.of("note", "限期办结")),
        REDISPATCH("redispatch", Map.of("departmentCode", "HOUSING", "note", "改派住建局"));

        final String path;
        final Map<String, String> body;

        Command(String path, Map<String, String> body) {
            this.path = path;
            this.body = body;
        }
    }

    /** Where the case lies relative to the caller: in his grid, community, department or town, or outside. */
    enum Whose { OWN, OTHER }

    /**
     * The table: login, role, command, own or other case, expected status. Own and other per role:
     * grid staff — a case of their grid / a grid of 西河村; community leader — 东湖社区 / 西河村; department — its own
     * department's case / another department's; town staff — 示范镇 / another town.
     */
    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        add(rows, "zhangwei", "grid worker", 202, 403, 403, 404);
        add(rows, "maxiuying", "grid leader", 403, 403, 403, 404);
        add(rows, "zhoulihua", "community leader", 403, 202, 403, 404);
        add(rows, "luojun", "department staff", 403, 403, 403, 404);
        add(rows, "chenxiaoyan", "dispatcher", 202, 202, 202, 404);
        add(rows, "lizhenhua", "town leader", 403, 202, 403, 404);
        add(rows, "zhongwen", "process owner", 403, 403, 403, 404);
        add(rows, "admin", "administrator", 202, 202, 202, 202);
        return rows.stream();
    }

    private static void add(List<Arguments> rows, String login, String role, int withdrawOwn, int superviseOwn,
            int redispatchOwn, int other) {
        rows.add(Arguments.of(login, role, Command.WITHDRAWAL, Whose.OWN, withdrawOwn));
        rows.add(Arguments.of(login, role, Command.SUPERVISION, Whose.OWN, superviseOwn));
        rows.add(Arguments.of(login, role, Command.REDISPATCH, Whose.OWN, redispatchOwn));
        for (Command c : Command.values()) {
            rows.add(Arguments.of(login, role, c, Whose.OTHER, other));
        }
    }

    @BeforeEach
    void anotherTownExists() {
        OtherTown.ensure(as("admin"));
    }

    @ParameterizedTest(name = "{1} {0}: {2} on {3} case -> {4}")
    @MethodSource("table")
    void aCommandIsAllowedOnlyToItsRolesAndOnlyOnCasesInTheCallersArea(String login, String role, Command command,
            Whose whose, int expected) {
        // Given a case at 办理诉求, in the caller's own area or outside it
        String tn = handling(caseLocation(login, whose));
        JsonNode before = view(tn);

        // When the caller sends the command
        ResponseEntity<JsonNode> answer = postJson(login, "/api/cases/" + tn + "/" + command.path, command.body);

        // Then the answer is as the table says
        assertThat(answer.getStatusCode().value()).as("%s %s: %s", login, command, answer.getBody())
                .isEqualTo(expected);
        JsonNode after = view(tn);
        if (expected == 202) {
            // and the command took effect
            switch (command) {
                case WITHDRAWAL -> assertThat(after.path("status").asText()).isEqualTo("WITHDRAWN");
                case SUPERVISION -> assertThat(after.path("supervised").asBoolean()).isTrue();
                case REDISPATCH -> assertThat(after.path("departmentCode").asText()).isEqualTo("HOUSING");
            }
        } else {
            assertProblem(answer, expected);
            // a refused command reveals nothing of the case and changed nothing
            assertThat(answer.getBody().toString()).doesNotContain(before.path("description").asText());
            assertThat(after.path("status").asText()).isEqualTo(before.path("status").asText());
            assertThat(after.path("supervised").asBoolean()).isFalse();
            assertThat(after.path("departmentCode").asText()).isEqualTo(before.path("departmentCode").asText());
            assertThat(after.path("gridCode").asText()).isEqualTo(before.path("gridCode").asText());
            assertThat(after.path("timeline").size()).isEqualTo(before.path("timeline").size());
        }
    }

    @ParameterizedTest(name = "{0} reads {1} case -> {2}")
    @MethodSource("reads")
    void readingUsesTheSameScopeAsCommands(String login, Whose whose, int expected) {
        String tn = handling(caseLocation(login, whose));

        assertThat(get(login, "/api/cases/" + tn).getStatusCode().value()).isEqualTo(expected);
        boolean listed = trackingNumbers(get(login, "/api/cases?status=HANDLING&size=200").getBody()).contains(tn);
        assertThat(listed).isEqualTo(expected == 200);
    }

    static Stream<Arguments> reads() {
        List<Arguments> rows = new ArrayList<>();
        for (String login : List.of("zhangwei", "maxiuying", "zhoulihua", "luojun", "chenxiaoyan", "lizhenhua",
                "zhongwen")) {
            rows.add(Arguments.of(login, Whose.OWN, 200));
            rows.add(Arguments.of(login, Whose.OTHER, 404));
        }
        rows.add(Arguments.of("admin", Whose.OWN, 200));
        rows.add(Arguments.of("admin", Whose.OTHER, 200));
        return rows.stream();
    }

    @Test
    void aDispatcherCannotRedispatchIntoAGridOutsideHisTown() {
        // Given a case of 示范镇 being handled
        String tn = handling(new Location("SANITATION", "SFZ-C01-G01"));

        // When the town's dispatcher moves it to a grid of another town
        ResponseEntity<JsonNode> answer = postJson("chenxiaoyan", "/api/cases/" + tn + "/redispatch",
                Map.of("gridCode", OTHER_TOWN_GRID, "note", "改派"));

        // Then that is refused naming the grid, and the case stays
        assertThat(errorFields(assertProblem(answer, 400))).containsExactly("gridCode");
        assertThat(view(tn).path("gridCode").asText()).isEqualTo("SFZ-C01-G01");
    }

    // ---------------------------------------------------------------- scene

    record Location(String category, String grid) {
    }

    /**
     * A case in the caller's area (own) or outside it (other). SANITATION is the urban management bureau's (luojun),
     * PROPERTY_MGMT the housing bureau's.
     */
    private static Location caseLocation(String login, Whose whose) {
        if (whose == Whose.OWN) {
            return new Location("SANITATION", "SFZ-C01-G01");
        }
        return switch (login) {
            case "chenxiaoyan", "lizhenhua", "zhongwen", "admin" -> new Location("PROPERTY_MGMT", OTHER_TOWN_GRID);
            default -> new Location("PROPERTY_MGMT", "SFZ-C02-G01");
        };
    }

    /** Registered by the admin with a grid code, verified: waiting at 办理诉求. */
    private String handling(Location where) {
        Map<String, Object> body = new HashMap<>();
        body.put("category", where.category());
        body.put("description", "权限测试诉求 " + System.nanoTime());
        body.put("channel", "HOTLINE");
        body.put("gridCode", where.grid());
        body.put("reporter", Map.of("name", "刘桂芝", "phone", "13700000101"));
        ResponseEntity<JsonNode> registered = postJson("admin", "/api/requests", body);
        assertThat(registered.getStatusCode()).as("%s", registered.getBody()).isEqualTo(HttpStatus.CREATED);
        String tn = registered.getBody().path("trackingNumber").asText();
        Task verify = taskService.createTaskQuery().processInstanceBusinessKey(tn).singleResult();
        taskService.claim(verify.getId(), "admin");
        taskService.complete(verify.getId(), Map.of("verifyOutcome", "VALID", "verifyNote", "属实"));
        assertThat(view(tn).path("status").asText()).isEqualTo("HANDLING");
        return tn;
    }

    private JsonNode view(String tn) {
        ResponseEntity<JsonNode> response = get("admin", "/api/cases/" + tn);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static List<String> trackingNumbers(JsonNode page) {
        List<String> numbers = new ArrayList<>();
        page.path("items").forEach(c -> numbers.add(c.path("trackingNumber").asText()));
        return numbers;
    }
}

package org.gridcase.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.gridcase.GridCaseTest;
import org.gridcase.casefile.CaseFile;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A leader's sign-off note is stored whatever its length, up to the limit that the form, the server's check and the
 * database column share. Driven through HTTP as staff work it: the API registers, Tasklist's engine REST API works
 * the tasks (疑难 → 领导签批).
 */
class SignoffNoteTest extends GridCaseTest {

    @Test
    void theFormTheServerCheckAndTheColumnAgreeOnTheSignoffNotesLimit() throws Exception {
        try (InputStream form = getClass().getResourceAsStream("/forms/leader-signoff.form")) {
            JsonNode root = new ObjectMapper().readTree(form);
            JsonNode note = null;
            for (JsonNode c : root.path("components")) {
                if ("signoffNote".equals(c.path("key").asText())) {
                    note = c;
                }
            }
            assertThat(note).isNotNull();
            assertThat(note.path("validate").path("maxLength").asInt()).isEqualTo(CaseFile.NOTE_LENGTH);
        }
        assertThat(CaseFile.NOTE_LENGTH).isLessThanOrEqualTo(CaseFile.OUTCOME_NOTE_LENGTH);
    }

    @Test
    void aLeaderClosesAHardCaseAsUnresolvableWithANoteOfTheFormsFullLength() {
        // Given a case the grid found too hard: it waits at 领导签批
        JsonNode signoff = atSignoff();
        String tn = signoff.path("tn").asText();
        String note = "经多方协调，" + "该处历史遗留问题涉及多个权属单位无法在本级解决".repeat(60);
        note = note.substring(0, CaseFile.NOTE_LENGTH);

        // When the town leader signs it off as unresolvable with a note as long as the form allows
        assertThat(claim("lizhenhua", signoff.path("id").asText()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        ResponseEntity<JsonNode> submitted = submit("lizhenhua", signoff.path("id").asText(),
                decision("CLOSE_UNRESOLVABLE", note));

        // Then the form is accepted, the case is closed as unresolvable and keeps the whole note
        assertThat(submitted.getStatusCode()).as("%s", submitted.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        JsonNode view = get("lizhenhua", "/api/cases/" + tn).getBody();
        assertThat(view.path("status").asText()).isEqualTo("UNRESOLVABLE");
        assertThat(view.path("outcomeNote").asText()).isEqualTo(note);
        JsonNode last = view.path("timeline").get(view.path("timeline").size() - 1);
        assertThat(last.path("note").asText()).contains(note);
    }

    @Test
    void aNoteLongerThanTheFormAllowsIsRefusedAndTheTaskStays() {
        JsonNode signoff = atSignoff();
        String tn = signoff.path("tn").asText();
        claim("lizhenhua", signoff.path("id").asText());

        ResponseEntity<JsonNode> submitted = submit("lizhenhua", signoff.path("id").asText(),
                decision("CLOSE_UNRESOLVABLE", "长".repeat(CaseFile.NOTE_LENGTH + 1)));

        assertThat(submitted.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(submitted.toString()).doesNotContain("insert into", "OUTCOME_NOTE");
        assertThat(get("lizhenhua", "/api/cases/" + tn).getBody().path("status").asText()).isEqualTo("SIGNOFF");
    }

    // ---------------------------------------------------------------- the case, as staff work it

    /** Registered by the hotline, verified by the grid worker, sent to sign-off as too hard: the sign-off task. */
    private JsonNode atSignoff() {
        Map<String, Object> body = new HashMap<>();
        body.put("category", "SANITATION");
        body.put("description", "东湖小区围墙外长期堆放建筑垃圾，权属不清");
        body.put("channel", "HOTLINE");
        body.put("location", Map.of("lat", 41.1035, "lng", 122.0060));
        body.put("reporter", Map.of("name", "刘桂芝", "phone", "13700000101"));
        ResponseEntity<JsonNode> registered = postJson("chenxiaoyan", "/api/requests", body);
        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String tn = registered.getBody().path("trackingNumber").asText();

        String verify = task("zhangwei", tn, "核实研判");
        claim("zhangwei", verify);
        assertThat(submit("zhangwei", verify, strings(Map.of("verifyOutcome", "VALID", "verifyNote", "现场属实")))
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        String handle = task("zhangwei", tn, "办理诉求");
        claim("zhangwei", handle);
        assertThat(submit("zhangwei", handle, strings(Map.of("handlingOutcome", "SIGNOFF",
                "handlingNote", "权属不清，网格无法协调"))).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        String signoff = task("lizhenhua", tn, "领导签批");
        return new ObjectMapper().createObjectNode().put("id", signoff).put("tn", tn);
    }

    private String task(String login, String tn, String name) {
        ResponseEntity<JsonNode> tasks = get(login, "/engine-rest/task?processInstanceBusinessKey=" + tn);
        assertThat(tasks.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(tasks.getBody()).as("%s sees %s", login, tasks.getBody()).hasSize(1);
        assertThat(tasks.getBody().get(0).path("name").asText()).isEqualTo(name);
        return tasks.getBody().get(0).path("id").asText();
    }

    private ResponseEntity<JsonNode> claim(String login, String taskId) {
        return postJson(login, "/engine-rest/task/" + taskId + "/claim", Map.of("userId", login));
    }

    private ResponseEntity<JsonNode> submit(String login, String taskId, Map<String, Object> variables) {
        return postJson(login, "/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", variables));
    }

    private static Map<String, Object> decision(String decision, String note) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("signoffDecision", Map.of("value", decision));
        variables.put("signoffNote", Map.of("value", note));
        return variables;
    }

    private static Map<String, Object> strings(Map<String, String> fields) {
        Map<String, Object> variables = new LinkedHashMap<>();
        fields.forEach((k, v) -> variables.put(k, Map.of("value", v)));
        return variables;
    }
}

package org.gridcase.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.gridcase.notify.OutboxRun;
import org.gridcase.MailServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A major hazard driven end to end the way people work it: reported by a grid worker through the REST API, verified
 * by the grid leader in Tasklist's engine REST API (filter 我的待办, claim, submit-form), instructed by the town's
 * secretary and mayor from their own task lists after the outbox mailed them through a real SMTP server (GreenMail),
 * disposed of by the department, re-inspected by the grid worker, and on the grid's hazard register until it is
 * closed. Each person works with his own login, so the Camunda authorizations of each role are proven enough.
 * <p>
 * Its own application context (the SMTP server's port is only known at run time); the outbox's schedule is pushed
 * out of the way and the test runs the dispatcher itself. The re-inspection timer is a day away: the test fires it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:risk-fullstack;DB_CLOSE_DELAY=-1",
        "gridcase.registry.index-poll-millis=3600000",
        "gridcase.notify.poll-millis=86400000",
        "gridcase.public-url=https://gridcase.example.org/"})
@ActiveProfiles("demo")
class RiskFullStackTest extends MailServerTest {

    private static final String PASSWORD = "demo";
    private static final String MY_OPEN_TASKS = "我的待办";
    private static final String MY_TASKS = "我的任务";

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ManagementService managementService;

    @Test
    void aMajorFireHazardGoesFromTheGridWorkerToBothTownLeadersAndOffTheRegisterOnceEliminated() throws Exception {
        // Given the grid worker reports a critical fire hazard on his patrol
        Map<String, Object> report = new HashMap<>();
        report.put("type", "FIRE");
        report.put("description", "东湖小区1号楼地下室堆放大量废旧纸箱，电线私拉乱接");
        report.put("location", Map.of("lat", 41.1035, "lng", 122.0060));
        report.put("address", "示范镇东湖小区1号楼地下室");
        report.put("severity", "CRITICAL");
        report.put("peopleAffected", 48);
        ResponseEntity<JsonNode> reported = postJson("zhangwei", "/api/risks", report);
        assertThat(reported.getStatusCode()).as("%s", reported.getBody()).isEqualTo(HttpStatus.CREATED);
        String tn = reported.getBody().path("trackingNumber").asText();
        assertThat(tn).startsWith("FX-");
        // it is on the grid's register at once, awaiting verification
        assertThat(registerEntry("zhangwei", tn)).isNotNull();
        assertThat(registerEntry("zhangwei", tn).path("levelName").asText()).isEqualTo("待核实定级");

        // When the grid leader finds it in 我的待办 (the grid worker of another grid sees nothing of it)
        JsonNode verify = single(tasks("maxiuying", MY_OPEN_TASKS, tn));
        assertThat(verify.path("name").asText()).isEqualTo("核实隐患");
        assertThat(tasks("wulei", MY_OPEN_TASKS, tn)).isEmpty();
        assertThat(claim("wulei", verify).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        // and confirms it on site: critical, 60 people, residents of special populations among them
        assertThat(claim("maxiuying", verify).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        Map<String, Object> finding = new LinkedHashMap<>();
        finding.put("verifyOutcome", Map.of("value", "CONFIRMED"));
        finding.put("severity", Map.of("value", "CRITICAL"));
        finding.put("peopleAffected", Map.of("value", 60, "type", "Long"));
        finding.put("vulnerable", Map.of("value", true, "type", "Boolean"));
        finding.put("verifyNote", Map.of("value", "现场属实，地下室无消防设施，楼内有独居老人"));
        submit("maxiuying", verify, finding);

        // Then it is level I: both town leaders get a mail and a 领导批示 task of their own
        JsonNode view = caseView("lizhenhua", tn);
        assertThat(view.path("details").path("level").asText()).isEqualTo("I");
        assertThat(view.path("details").path("needsJoint").asBoolean()).isTrue();
        OutboxRun.now(context);
        for (String leader : List.of("lizhenhua", "wangjianjun")) {
            MimeMessage mail = single(mailsTo(leader + "@demo.gridcase.org", tn));
            assertThat(mail.getSubject()).isEqualTo("领导签批请求：案件 " + tn);
            assertThat(text(mail)).contains(tn, "领导批示", "https://gridcase.example.org/camunda/app/tasklist/");
            JsonNode instruct = single(tasks(leader, MY_TASKS, tn));
            assertThat(instruct.path("name").asText()).isEqualTo("领导批示");
            assertThat(instruct.path("assignee").asText()).isEqualTo(leader);
            assertThat(instruct.path("due").asText()).isNotEmpty();
        }
        // the secretary cannot complete the mayor's instruction
        JsonNode mayors = single(tasks("wangjianjun", MY_TASKS, tn));
        assertThat(postJson("lizhenhua", "/engine-rest/task/" + mayors.path("id").asText() + "/submit-form",
                Map.of("variables", Map.of("instruction", Map.of("value", "代为批示")))).getStatusCode().value())
                .isIn(403, 404);

        // When each instructs in Tasklist
        submit("lizhenhua", single(tasks("lizhenhua", MY_TASKS, tn)),
                Map.of("instruction", Map.of("value", "立即清理地下室，应急管理办牵头，今日内整改")));
        submit("wangjianjun", single(tasks("wangjianjun", MY_TASKS, tn)),
                Map.of("instruction", Map.of("value", "同意，联合执法队配合，做好独居老人安置")));

        // Then their instructions are on the timeline, and the hazard is still on the register, graded
        view = caseView("zhoulihua", tn);
        assertThat(timeline(view)).contains("INSTRUCTED lizhenhua", "INSTRUCTED wangjianjun");
        JsonNode entry = registerEntry("zhangwei", tn);
        assertThat(entry.path("level").asText()).isEqualTo("I");
        assertThat(entry.path("light").asText()).isEqualTo("GREEN");
        assertThat(entry.path("instructions").asInt()).isEqualTo(2);

        // When emergency management disposes of it (its staff were told by mail)
        JsonNode dispose = single(tasks("dengchao", MY_OPEN_TASKS, tn));
        assertThat(dispose.path("name").asText()).isEqualTo("处置隐患");
        assertThat(tasks("zhangwei", MY_OPEN_TASKS, tn)).isEmpty();
        claim("dengchao", dispose);
        submit("dengchao", dispose, Map.of("measures", Map.of("value", "清运废旧纸箱 3 车，拆除私拉电线，配置灭火器 6 具")));
        OutboxRun.now(context);
        assertThat(mailsTo("dengchao@demo.gridcase.org", tn)).isNotEmpty();

        // and the day of re-inspection comes (the timer is fired here), the grid worker finds it eliminated
        fireReinspectionTimer(tn);
        JsonNode reinspect = single(tasks("zhangwei", MY_OPEN_TASKS, tn));
        assertThat(reinspect.path("name").asText()).isEqualTo("复查隐患");
        claim("zhangwei", reinspect);
        submit("zhangwei", reinspect, Map.of("reinspectOutcome", Map.of("value", "ELIMINATED"),
                "reinspectNote", Map.of("value", "地下室已清空，消防设施到位")));

        // Then the case is closed with the measures, off the open register and on the full one
        view = caseView("lizhenhua", tn);
        assertThat(view.path("status").asText()).isEqualTo("CLOSED");
        assertThat(view.path("outcomeNote").asText()).contains("清运废旧纸箱");
        assertThat(timeline(view)).containsSubsequence("REGISTERED zhangwei", "VERIFIED maxiuying", "GRADED",
                "ROUTED", "DISPATCHED", "HANDLED dengchao", "REINSPECTED zhangwei", "CLOSED");
        assertThat(registerEntry("zhangwei", tn)).isNull();
        JsonNode all = get("zhangwei", "/api/risks/register?area=SFZ-C01-G01&open=false").getBody();
        assertThat(entries(all)).anyMatch(e -> e.path("trackingNumber").asText().equals(tn)
                && e.path("status").asText().equals("CLOSED"));
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(tn).count()).isZero();
    }

    // ---------------------------------------------------------------- the engine, where the test stands in for time

    private void fireReinspectionTimer(String tn) {
        String instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(tn)
                .processDefinitionKey(RiskProcess.PROCESS_ID).singleResult().getId();
        Job timer = await().atMost(Duration.ofSeconds(10)).until(() -> managementService.createJobQuery()
                .processInstanceId(instance).activityId(RiskProcess.WAIT_REINSPECTION).singleResult(), j -> j != null);
        managementService.executeJob(timer.getId());
    }

    // ---------------------------------------------------------------- the REST APIs

    private JsonNode caseView(String login, String tn) {
        ResponseEntity<JsonNode> response = get(login, "/api/cases/" + tn);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    /** The hazard's line on the open register of its grid, or null. */
    private JsonNode registerEntry(String login, String tn) {
        ResponseEntity<JsonNode> response = get(login, "/api/risks/register?area=SFZ-C01-G01");
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
        return entries(response.getBody()).stream().filter(e -> e.path("trackingNumber").asText().equals(tn))
                .findFirst().orElse(null);
    }

    private static List<JsonNode> entries(JsonNode register) {
        List<JsonNode> entries = new ArrayList<>();
        register.path("entries").forEach(entries::add);
        return entries;
    }

    private static List<String> timeline(JsonNode view) {
        List<String> lines = new ArrayList<>();
        view.path("timeline").forEach(e -> lines.add(e.path("type").asText()
                + (e.path("actor").isMissingNode() || e.path("actor").isNull() ? "" : " " + e.path("actor").asText())));
        return lines;
    }

    /** A Tasklist filter of the user, narrowed to one case. */
    private List<JsonNode> tasks(String login, String filterName, String tn) {
        ResponseEntity<JsonNode> filters = get(login, "/engine-rest/filter?resourceType=Task");
        assertThat(filters.getStatusCode()).isEqualTo(HttpStatus.OK);
        String filterId = null;
        for (JsonNode f : filters.getBody()) {
            if (filterName.equals(f.path("name").asText())) {
                filterId = f.path("id").asText();
            }
        }
        assertThat(filterId).as("%s sees the filter %s", login, filterName).isNotNull();
        ResponseEntity<JsonNode> list = postJson(login, "/engine-rest/filter/" + filterId + "/list",
                Map.of("processInstanceBusinessKey", tn));
        assertThat(list.getStatusCode()).as("%s", list.getBody()).isEqualTo(HttpStatus.OK);
        List<JsonNode> tasks = new ArrayList<>();
        list.getBody().forEach(tasks::add);
        return tasks;
    }

    private ResponseEntity<JsonNode> claim(String login, JsonNode task) {
        return postJson(login, "/engine-rest/task/" + task.path("id").asText() + "/claim", Map.of("userId", login));
    }

    private void submit(String login, JsonNode task, Map<String, Object> variables) {
        ResponseEntity<JsonNode> response = postJson(login,
                "/engine-rest/task/" + task.path("id").asText() + "/submit-form", Map.of("variables", variables));
        assertThat(response.getStatusCode()).as("%s submits %s: %s", login, task.path("name").asText(),
                response.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    private ResponseEntity<JsonNode> get(String login, String path) {
        return rest.withBasicAuth(login, PASSWORD).getForEntity(path, JsonNode.class);
    }

    private ResponseEntity<JsonNode> postJson(String login, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(login, PASSWORD).exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers),
                JsonNode.class);
    }

    // ---------------------------------------------------------------- mail

    /** Mails to the address about the case (the dispatcher has run; delivery is awaited all the same). */
    private List<MimeMessage> mailsTo(String address, String tn) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<MimeMessage> found = new ArrayList<>();
            for (MimeMessage m : greenMail.getReceivedMessages()) {
                if (m.getSubject().contains(tn) && recipients(m).contains(address)) {
                    found.add(m);
                }
            }
            return found;
        }, list -> !list.isEmpty());
    }

    private static List<String> recipients(MimeMessage m) throws MessagingException {
        List<String> addresses = new ArrayList<>();
        for (var a : m.getRecipients(RecipientType.TO)) {
            addresses.add(a.toString());
        }
        return addresses;
    }

    private static String text(MimeMessage m) throws Exception {
        return m.getContent().toString();
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}

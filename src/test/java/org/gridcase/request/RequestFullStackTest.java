package org.gridcase.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gridcase.notify.OutboxRun;
import org.gridcase.MailServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Requests driven end to end the way people work them: registered through the REST API, worked in Tasklist's
 * engine REST API (filter 我的待办, claim, submit-form) by each demo role with its own login, mail delivered by the
 * outbox to a real SMTP server (GreenMail), the reporter's survey answered by following the mailed link. Proves
 * that each role's Camunda authorizations are enough to work its tasks and no more.
 * <p>
 * Its own application context (the SMTP server's port is only known at run time); the outbox's schedule is pushed
 * out of the way and the test runs the dispatcher itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:request-fullstack;DB_CLOSE_DELAY=-1",
        "gridcase.registry.index-poll-millis=3600000",
        "gridcase.notify.poll-millis=86400000",
        "gridcase.public-url=https://gridcase.example.org/"})
@ActiveProfiles("demo")
class RequestFullStackTest extends MailServerTest {

    private static final String PUBLIC_URL = "https://gridcase.example.org";
    private static final String PASSWORD = "demo";
    private static final String MY_OPEN_TASKS = "我的待办";
    private static final Pattern SURVEY_LINK = Pattern.compile("(https?://\\S+/survey/[A-Za-z0-9_-]+)");

    @Test
    void aGridSettlesASanitationRequestAndTheReporterClosesItThroughTheMailedLink() throws Exception {
        // Given the dispatcher registers a hotline request with the reporter's email
        Map<String, Object> request = request("SANITATION", "东湖小区3号楼前垃圾堆放多日无人清运");
        request.put("reporter", Map.of("name", "刘桂芝", "phone", "13700000101", "email", "liuguizhi@example.com"));
        String tn = register("chenxiaoyan", request);

        // When the grid worker finds it in his Tasklist filter 我的待办
        JsonNode verify = single(openTasks("zhangwei", tn));
        assertThat(verify.path("name").asText()).isEqualTo("核实研判");
        assertThat(verify.path("assignee").isNull()).isTrue();
        // (the grid worker of another grid sees nothing of it, and cannot take it)
        assertThat(openTasks("wulei", tn)).isEmpty();
        assertThat(get("wulei", "/engine-rest/task/" + verify.path("id").asText()).getStatusCode().value())
                .isIn(403, 404);
        assertThat(claim("wulei", verify).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        // and claims and verifies it
        assertThat(claim("zhangwei", verify).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        submit("zhangwei", verify, Map.of("verifyOutcome", "VALID", "verifyNote", "现场属实，约两立方米生活垃圾"));

        // Then the handling task is the grid's, due at the case's limit
        JsonNode handle = single(openTasks("zhangwei", tn));
        assertThat(handle.path("name").asText()).isEqualTo("办理诉求");
        assertThat(handle.path("due").asText()).isNotEmpty();
        assertThat(openTasks("wulei", tn)).isEmpty();

        // When he settles it
        claim("zhangwei", handle);
        submit("zhangwei", handle, Map.of("handlingOutcome", "RESOLVED", "handlingNote", "已组织保洁员清运完毕"));
        assertThat(caseView("chenxiaoyan", tn).path("status").asText()).isEqualTo("SURVEY");

        // Then the outbox mails the grid's staff the new task, and the reporter the survey link
        OutboxRun.now(context);
        List<MimeMessage> assigned = mails(tn, "新任务待办理");
        assertThat(recipients(assigned)).contains("zhangwei@demo.gridcase.org", "maxiuying@demo.gridcase.org")
                .doesNotContain("wulei@demo.gridcase.org");
        assertThat(assigned.get(0).getSubject()).isEqualTo("新任务待办理：办理诉求（案件编号 " + tn + "）");
        assertThat(text(assigned.get(0))).contains(tn, "办理时限", PUBLIC_URL + "/camunda/app/tasklist/");
        MimeMessage surveyMail = single(mailsTo("liuguizhi@example.com", "请评价案件办理结果"));
        String body = text(surveyMail);
        assertThat(body).contains(tn);
        Matcher link = SURVEY_LINK.matcher(body);
        assertThat(link.find()).as("a survey link in: %s", body).isTrue();
        URI surveyLink = URI.create(link.group(1));
        assertThat(surveyLink.toString()).startsWith(PUBLIC_URL + "/survey/");

        // When the reporter follows the link (no login) and rates the result
        String page = surveyLink.getPath();
        ResponseEntity<String> form = rest.getForEntity(page, String.class);
        assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(form.getBody()).contains("请评价办理结果", tn);
        ResponseEntity<String> thanks = postForm(page, Map.of("resolved", "YES", "satisfaction", "SATISFIED",
                "comment", "清理得很及时，谢谢"));
        assertThat(thanks.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(thanks.getBody()).contains("感谢您的评价");

        // Then the case is closed as satisfied and the reporter is told
        JsonNode closed = caseView("lizhenhua", tn);
        assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("satisfaction").asText()).isEqualTo("SATISFIED");
        OutboxRun.now(context);
        MimeMessage closedMail = single(mailsTo("liuguizhi@example.com", "办结通知"));
        assertThat(text(closedMail)).contains(tn, "已办结");

        // and the leader reads the whole story, in order, with who did what
        assertThat(timeline(closed)).containsExactly("REGISTERED chenxiaoyan", "ROUTED", "VERIFIED zhangwei",
                "DISPATCHED", "HANDLED zhangwei", "SURVEY_SENT", "SURVEYED 反映人", "CLOSED");
        assertThat(closed.path("timeline").get(2).path("note").asText()).contains("现场属实");
        assertThat(closed.path("timeline").get(4).path("note").asText()).isEqualTo("已组织保洁员清运完毕");
        assertThat(closed.path("reporter").path("email").asText()).isEqualTo("liuguizhi@example.com");
        // nothing left to do
        assertThat(openTasks("zhangwei", tn)).isEmpty();
        assertThat(rest.getForEntity(page, String.class).getStatusCode()).isEqualTo(HttpStatus.GONE);
    }

    @Test
    void aDepartmentReturnsAWrongDispatchAndTheLeaderSignsOffWhatItCannotSettle() throws Exception {
        // Given a street light request: the dispatchers verify it, the urban management bureau handles it
        String tn = register("chenxiaoyan", request("STREET_LIGHT", "东湖路北段三盏路灯夜间不亮"));
        JsonNode verify = single(openTasks("chenxiaoyan", tn));
        assertThat(verify.path("name").asText()).isEqualTo("核实研判");
        assertThat(openTasks("zhangwei", tn)).isEmpty();
        claim("chenxiaoyan", verify);
        submit("chenxiaoyan", verify, Map.of("verifyOutcome", "VALID", "verifyNote", "电话核实属实"));

        // When the bureau's handler returns it: the road's lights are the housing bureau's
        JsonNode handle = single(openTasks("luojun", tn));
        assertThat(handle.path("name").asText()).isEqualTo("办理诉求");
        assertThat(openTasks("liangxue", tn)).isEmpty();
        assertThat(claim("liangxue", handle).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        claim("luojun", handle);
        submit("luojun", handle, Map.of("handlingOutcome", "RETURN", "handlingNote", "该路段路灯归住建局管理"));

        // Then another dispatcher re-dispatches it to the housing bureau
        JsonNode redispatch = single(openTasks("liuting", tn));
        assertThat(redispatch.path("name").asText()).isEqualTo("重新派单");
        claim("liuting", redispatch);
        submit("liuting", redispatch, Map.of("redispatchTarget", "DEPARTMENT", "redispatchDepartment", "HOUSING",
                "redispatchNote", "改派住建局"));
        assertThat(caseView("liuting", tn).path("departmentCode").asText()).isEqualTo("HOUSING");

        // When the housing bureau's handler finds it beyond the bureau and asks for the leaders' sign-off
        JsonNode housing = single(openTasks("liangxue", tn));
        assertThat(openTasks("luojun", tn)).isEmpty();
        claim("liangxue", housing);
        submit("liangxue", housing, Map.of("handlingOutcome", "SIGNOFF", "handlingNote", "需供电公司配合更换线路"));

        // Then the town leader signs it off in Tasklist: back to the housing bureau with three working days
        JsonNode signoff = single(openTasks("lizhenhua", tn));
        assertThat(signoff.path("name").asText()).isEqualTo("领导签批");
        assertThat(signoff.path("priority").asInt()).isEqualTo(90);
        assertThat(claim("liangxue", signoff).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(caseView("lizhenhua", tn).path("status").asText()).isEqualTo("SIGNOFF");
        claim("lizhenhua", signoff);
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("signoffDecision", Map.of("value", "ASSIGN_DEPARTMENT"));
        decision.put("signoffDepartment", Map.of("value", "HOUSING"));
        decision.put("signoffLimitDays", Map.of("value", 3, "type", "Long"));
        decision.put("signoffNote", Map.of("value", "协调供电公司配合，住建局三日内办结"));
        submitRaw("lizhenhua", signoff, decision);

        // and the housing bureau's handler settles it
        JsonNode again = single(openTasks("liangxue", tn));
        assertThat(again.path("name").asText()).isEqualTo("办理诉求");
        claim("liangxue", again);
        submit("liangxue", again, Map.of("handlingOutcome", "RESOLVED", "handlingNote", "已更换线路，路灯恢复"));

        JsonNode view = caseView("lizhenhua", tn);
        assertThat(view.path("status").asText()).isEqualTo("SURVEY");
        assertThat(view.path("departmentCode").asText()).isEqualTo("HOUSING");
        assertThat(timeline(view)).containsSubsequence("VERIFIED chenxiaoyan", "DISPATCHED",
                "RETURNED luojun", "REDISPATCHED", "DISPATCHED", "SIGNOFF_REQUESTED", "SIGNED_OFF lizhenhua",
                "DISPATCHED", "HANDLED liangxue", "SURVEY_SENT");

        // the department's handler is told of the new task by mail
        OutboxRun.now(context);
        assertThat(recipients(mails(tn, "新任务待办理"))).contains("luojun@demo.gridcase.org",
                "liangxue@demo.gridcase.org");
    }

    // ---------------------------------------------------------------- the REST API

    private static Map<String, Object> request(String category, String description) {
        Map<String, Object> body = new HashMap<>();
        body.put("category", category);
        body.put("description", description);
        body.put("channel", "HOTLINE");
        body.put("location", Map.of("lat", 41.1035, "lng", 122.0060));
        body.put("address", "示范镇东湖小区3号楼");
        body.put("reporter", Map.of("name", "刘桂芝", "phone", "13700000101"));
        return body;
    }

    private String register(String login, Map<String, Object> request) {
        ResponseEntity<JsonNode> response = postJson(login, "/api/requests", request);
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
        return response.getBody().path("trackingNumber").asText();
    }

    private JsonNode caseView(String login, String tn) {
        ResponseEntity<JsonNode> response = get(login, "/api/cases/" + tn);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    /** The timeline as "TYPE actor" (or "TYPE" when the system did it). */
    private static List<String> timeline(JsonNode view) {
        List<String> lines = new ArrayList<>();
        view.path("timeline").forEach(e -> lines.add(e.path("type").asText()
                + (e.path("actor").isMissingNode() || e.path("actor").isNull() ? "" : " " + e.path("actor").asText())));
        return lines;
    }

    // ---------------------------------------------------------------- the engine REST API, as Tasklist calls it

    /** The user's filter 我的待办, narrowed to one case (a filter's query can be extended in the list call). */
    private List<JsonNode> openTasks(String login, String tn) {
        ResponseEntity<JsonNode> filters = get(login, "/engine-rest/filter?resourceType=Task");
        assertThat(filters.getStatusCode()).isEqualTo(HttpStatus.OK);
        String filterId = null;
        for (JsonNode f : filters.getBody()) {
            if (MY_OPEN_TASKS.equals(f.path("name").asText())) {
                filterId = f.path("id").asText();
            }
        }
        assertThat(filterId).as("%s sees the filter %s", login, MY_OPEN_TASKS).isNotNull();
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

    /** Completes the task as Tasklist does for a Camunda Form: string fields in the REST variable format. */
    private void submit(String login, JsonNode task, Map<String, String> fields) {
        Map<String, Object> variables = new LinkedHashMap<>();
        fields.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        submitRaw(login, task, variables);
    }

    private void submitRaw(String login, JsonNode task, Map<String, Object> variables) {
        ResponseEntity<JsonNode> response = postJson(login,
                "/engine-rest/task/" + task.path("id").asText() + "/submit-form", Map.of("variables", variables));
        assertThat(response.getStatusCode()).as("%s submits %s: %s", login, task.path("name").asText(),
                response.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    // ---------------------------------------------------------------- HTTP

    private ResponseEntity<JsonNode> get(String login, String path) {
        return rest.withBasicAuth(login, PASSWORD).getForEntity(path, JsonNode.class);
    }

    private ResponseEntity<JsonNode> postJson(String login, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(login, PASSWORD).exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers),
                JsonNode.class);
    }

    private ResponseEntity<String> postForm(String path, Map<String, String> fields) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    }

    // ---------------------------------------------------------------- mail

    /** Mails about the case whose subject starts so (the dispatcher has run; delivery is awaited all the same). */
    private List<MimeMessage> mails(String tn, String subjectStart) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> received(m -> m.getSubject().startsWith(subjectStart)
                && m.getSubject().contains(tn)), list -> !list.isEmpty());
    }

    private List<MimeMessage> mailsTo(String address, String subjectStart) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> received(m -> m.getSubject().startsWith(subjectStart)
                && recipients(List.of(m)).contains(address)), list -> !list.isEmpty());
    }

    private interface MailTest {
        boolean test(MimeMessage m) throws MessagingException;
    }

    private static List<MimeMessage> received(MailTest test) throws MessagingException {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            if (test.test(m)) {
                found.add(m);
            }
        }
        return found;
    }

    private static List<String> recipients(List<MimeMessage> messages) throws MessagingException {
        List<String> addresses = new ArrayList<>();
        for (MimeMessage m : messages) {
            for (var a : m.getRecipients(RecipientType.TO)) {
                addresses.add(a.toString());
            }
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

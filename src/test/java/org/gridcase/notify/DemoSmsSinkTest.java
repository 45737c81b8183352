package org.gridcase.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.gridcase.GridCaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The demo profile's SMS sink: a request that reaches the survey sends its link by SMS, the sink takes it (SENT) and
 * an administrator reads the body, so a newcomer can follow the link; a dispatcher sees no body. GridCaseTest runs
 * the demo profile. The other side (no body outside demo, even for an administrator) is
 * {@link NotificationBodiesOutsideDemoTest}.
 */
class DemoSmsSinkTest extends GridCaseTest {

    /** Inside grid 1 of 东湖社区. */
    private static final double LAT = 41.1035;
    private static final double LNG = 122.0060;
    private static final String REPORTER_PHONE = "13700000488";

    @Autowired
    TaskService taskService;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    ChannelSenders senders;

    @Test
    void theSurveyLinkBySmsIsKeptAsSentAndOnlyAnAdministratorReadsItsBody() {
        // Given a request handled by the grid: the survey link goes out by SMS
        String tn = handledRequest();

        // When the dispatcher runs: the demo sink is the SMS gateway
        assertThat(senders.configured(Channel.SMS)).get().isInstanceOf(DemoSmsSink.class);
        dispatcher.dispatch();

        // Then the administrator sees the SMS as SENT, with its body and the link in it
        JsonNode sms = surveySms("admin", tn);
        assertThat(sms.path("status").asText()).isEqualTo("SENT");
        assertThat(sms.path("recipient").asText()).isEqualTo("137****0488");
        String body = sms.path("body").asText();
        assertThat(body).contains(tn, "/survey/");
        // and the link in it opens the survey page
        String path = body.substring(body.indexOf("/survey/")).split("[\\s，。,）)]")[0];
        ResponseEntity<String> page = rest.getForEntity(path, String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains(tn, "提交评价");

        // And a dispatcher sees the same SMS without its body
        JsonNode forDispatcher = surveySms("chenxiaoyan", tn);
        assertThat(forDispatcher.path("status").asText()).isEqualTo("SENT");
        assertThat(forDispatcher.has("body")).isFalse();
        assertThat(get("chenxiaoyan", "/api/notifications?caseRef=" + tn).getBody().toString())
                .doesNotContain("/survey/");
    }

    @Test
    void theChannelFilterListsOnlySms() {
        // Given a case with mail and SMS in the outbox
        String tn = handledRequest();

        // Then ?channel=SMS lists its SMS only
        JsonNode page = get("admin", "/api/notifications?channel=SMS&caseRef=" + tn + "&size=100").getBody();
        assertThat(page.path("items").size()).isPositive();
        page.path("items").forEach(item -> assertThat(item.path("channel").asText()).isEqualTo("SMS"));
    }

    private JsonNode surveySms(String login, String tn) {
        ResponseEntity<JsonNode> response = get(login, "/api/notifications?channel=SMS&caseRef=" + tn + "&size=100");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        for (JsonNode item : response.getBody().path("items")) {
            if ("SURVEY_LINK".equals(item.path("template").asText())) {
                return item;
            }
        }
        throw new AssertionError("no SURVEY_LINK SMS for " + tn + " in " + response.getBody());
    }

    /** Registered by the dispatcher, verified and handled by the grid worker: at the survey, its link queued. */
    private String handledRequest() {
        Map<String, Object> request = new HashMap<>();
        request.put("category", "SANITATION");
        request.put("description", "东湖小区6号楼垃圾桶满溢");
        request.put("channel", "HOTLINE");
        request.put("location", Map.of("lat", LAT, "lng", LNG));
        request.put("address", "示范镇东湖小区6号楼");
        request.put("reporter", Map.of("name", "贺玉兰", "phone", REPORTER_PHONE));
        ResponseEntity<JsonNode> created = postJson("chenxiaoyan", "/api/requests", request);
        assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.CREATED);
        String tn = created.getBody().path("trackingNumber").asText();
        work(tn, Map.of("verifyOutcome", "VALID", "verifyNote", "现场属实"));
        work(tn, Map.of("handlingOutcome", "RESOLVED", "handlingNote", "已清运"));
        return tn;
    }

    private void work(String tn, Map<String, Object> variables) {
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(tn).singleResult();
        taskService.claim(task.getId(), "zhangwei");
        taskService.complete(task.getId(), variables);
    }
}

package org.gridcase.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gridcase.notify.InboundSms;
import org.gridcase.notify.SmppTestServer;
import org.gridcase.support.BusinessClock;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * 一键达 end to end, the way people work it: 东湖社区's leader posts a notice through the REST API, residents confirm
 * through the link of their SMS (the public page over HTTP) or by an SMS reply, the confirm-by time passes, and each
 * grid worker finds in his Tasklist (the engine REST API, with his own login) exactly the households that did not
 * confirm, ticks them off through the form's submission, and the notice is done with its 知晓率 per grid and
 * community. The second test sends the SMS through the real SMPP adapter to the test SMSC and takes the replies and
 * delivery receipts from it; the first publishes the adapter's reply event by hand and covers the refused form and
 * an unreachable household.
 */
class NoticeFullStackTest extends NoticeTestBase {

    @Autowired
    ApplicationEventPublisher events;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aCommunityNoticeIsConfirmedByLinkByReplyAndByTheGridWorkersForTheRest() throws Exception {
        // Given 东湖社区's leader sends a safety notice to the community: 13 households in three grids
        long id = gasSafetyNoticeToEastLake();
        Map<String, String> tokens = tokens(id);
        List<String> grid1 = recipientPhones(id, "SFZ-C01-G01", false);
        List<String> grid2 = recipientPhones(id, "SFZ-C01-G02", false);
        List<String> grid3 = recipientPhones(id, "SFZ-C01-G03", false);
        assertThat(grid1).hasSize(5);
        assertThat(grid2).hasSize(4).contains("13700000106").doesNotContain("13700000118"); // 李强's household once
        assertThat(grid3).hasSize(4);

        // When two households of grid 1 and one of grid 2 open their link and confirm
        for (String phone : List.of(grid1.get(0), grid1.get(1), grid2.get(0))) {
            String link = "/notice/" + tokens.get(phone);
            assertThat(rest.getForEntity(link, String.class).getBody()).contains("安全提示", "发布单位：东湖社区");
            assertThat(confirmByLink(tokens.get(phone)).getBody()).contains("您已确认知晓");
        }
        // and 李强 of grid 2 and every household of grid 3 reply by SMS (two of grid 3 by link)
        reply("13700000106", "收到");
        confirmByLink(tokens.get(grid3.get(0)));
        confirmByLink(tokens.get(grid3.get(1)));
        reply("+86" + grid3.get(2), "知道了，谢谢");
        reply(grid3.get(3), "已阅");

        // And the confirm-by time passes
        passConfirmBy(id);

        // Then grid 3 has no task; grid 1's worker finds his, listing exactly the three households left
        assertThat(tasks(id)).hasSize(2);
        List<String> open1 = recipientPhones(id, "SFZ-C01-G01", true);
        assertThat(open1).hasSize(3);
        JsonNode mine = onlyTask(GRID1_WORKER, id);
        List<Map<String, Object>> listed = formHouseholds(GRID1_WORKER, mine);
        assertThat(listed).hasSize(3);
        assertThat(listed).extracting(h -> (String) h.get("recipientId"))
                .containsExactlyInAnyOrderElementsOf(ids(id, open1));
        assertThat(listed).allSatisfy(h -> assertThat((String) h.get("name")).matches(".\\*+"));
        assertThat(formVariables(GRID1_WORKER, mine).path("noticeTitle").path("value").asText())
                .isEqualTo("关于开展冬季燃气安全检查的通知");
        // grid 1's worker sees nothing of grid 2's task
        assertThat(get(GRID1_WORKER, "/engine-rest/task?processInstanceBusinessKey=" + NoticeProcess.businessKey(id))
                .getBody()).hasSize(1);

        // When he submits the form without ticking one household, it is refused in Chinese
        post(GRID1_WORKER, "/engine-rest/task/" + mine.path("id").asText() + "/claim", Map.of("userId", GRID1_WORKER));
        List<Map<String, Object>> answers = tick(listed, "CONFIRMED");
        answers.get(1).put("outcome", null);
        ResponseEntity<JsonNode> refused = submit(GRID1_WORKER, mine, answers);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().toString()).contains("请为每一户选择");

        // Then with every household ticked (one unreachable with its reason) it goes through
        answers = tick(listed, "CONFIRMED");
        answers.get(2).put("outcome", "UNREACHABLE");
        answers.get(2).put("reason", "房屋空置，联系不上业主");
        assertThat(submit(GRID1_WORKER, mine, answers).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        // And grid 2's worker ticks off his two
        JsonNode theirs = onlyTask(GRID2_WORKER, id);
        List<Map<String, Object>> listed2 = formHouseholds(GRID2_WORKER, theirs);
        assertThat(listed2).extracting(h -> (String) h.get("recipientId"))
                .containsExactlyInAnyOrderElementsOf(ids(id, recipientPhones(id, "SFZ-C01-G02", true)));
        post(GRID2_WORKER, "/engine-rest/task/" + theirs.path("id").asText() + "/claim",
                Map.of("userId", GRID2_WORKER));
        assertThat(submit(GRID2_WORKER, theirs, tick(listed2, "CONFIRMED")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        instances.runDueJobs(NoticeProcess.businessKey(id));

        // Then the notice is done, with its receipts per grid and for the community
        instances.assertNothingLeftBehind(NoticeProcess.businessKey(id));
        JsonNode detail = detail(EAST_LAKE_LEADER, id);
        assertThat(detail.path("state").asText()).isEqualTo("DONE");
        assertThat(detail.path("stateLabel").asText()).isEqualTo("已完成");
        JsonNode counts = detail.path("counts");
        assertThat(counts.path("recipients").asInt()).isEqualTo(13);
        assertThat(counts.path("confirmedByLink").asInt()).isEqualTo(5);
        assertThat(counts.path("confirmedByReply").asInt()).isEqualTo(3);
        assertThat(counts.path("confirmedByVisit").asInt()).isEqualTo(4);
        assertThat(counts.path("unreachable").asInt()).isEqualTo(1);
        assertThat(counts.path("awarenessRate").asDouble()).isEqualTo(12.0 / 13);
        Map<String, Double> rates = new HashMap<>();
        detail.path("grids").forEach(g -> rates.put(g.path("code").asText(),
                g.path("counts").path("awarenessRate").asDouble()));
        assertThat(rates).containsEntry("SFZ-C01-G01", 0.8).containsEntry("SFZ-C01-G02", 1.0)
                .containsEntry("SFZ-C01-G03", 1.0);
        assertThat(detail.path("communities").get(0).path("name").asText()).isEqualTo("东湖社区");
        assertThat(detail.path("communities").get(0).path("counts").path("awarenessRate").asDouble())
                .isEqualTo(12.0 / 13);
    }

    @Test
    void aCommunityNoticeGoesOutThroughSmppAndEveryHouseholdIsReachedByLinkByReplyOrByItsGridWorker()
            throws Exception {
        // Given 东湖社区's leader sends a safety notice to the community (13 households in three grids), SMS through
        // the SMPP adapter to the SMSC in the test JVM
        long id = gasSafetyNoticeToEastLake();
        Map<String, String> tokens = tokens(id);
        assertThat(tokens).hasSize(13);

        // When the outbox is sent
        sendOutbox();

        // Then the SMSC got one message per household, each once: UCS-2 parts from the service number with a receipt
        // requested, joining into the Chinese text of the outbox with the household's own /notice/ link
        Map<String, SmppTestServer.Received> got = smsOf(tokens);
        assertThat(got).hasSize(13);
        Map<String, String> bodies = new HashMap<>();
        jdbc.queryForList("select recipient, body from notification where case_ref = ?", NoticeProcess.businessKey(id))
                .forEach(r -> bodies.put((String) r.get("recipient"), ((String) r.get("body")).stripTrailing()));
        got.forEach((phone, sms) -> {
            assertThat(sms.destination()).isEqualTo(phone);
            assertThat(sms.text()).isEqualTo(bodies.get(phone))
                    .startsWith("【东湖社区】安全提示：关于开展冬季燃气安全检查的通知。请点击链接查看全文并确认知晓：")
                    .contains("https://gridcase.example.org/notice/" + tokens.get(phone), "也可直接回复“收到”");
            assertThat(sms.parts()).isNotEmpty().allSatisfy(part -> {
                assertThat(part.dataCoding()).isEqualTo((byte) 0x08);
                assertThat(part.source()).isEqualTo(SERVICE_NUMBER);
                assertThat(part.registeredDelivery() & 0x03).isEqualTo(1);
            });
        });
        JsonNode counts = detail(EAST_LAKE_LEADER, id).path("counts");
        assertThat(counts.path("sent").asInt()).isEqualTo(13);
        assertThat(counts.path("delivered").asInt()).isZero();

        // When the SMSC's delivery receipts come for every part of every household's SMS
        for (SmppTestServer.Received sms : got.values()) {
            for (SmppTestServer.Submitted part : sms.parts()) {
                SMSC.receipt(part, DeliveryReceiptState.DELIVRD, "000");
            }
        }

        // Then the notice counts them delivered
        await().until(() -> detail(EAST_LAKE_LEADER, id).path("counts").path("delivered").asInt() == 13);

        // When one household of each grid confirms through the page of its link
        List<String> grid1 = recipientPhones(id, "SFZ-C01-G01", false);
        List<String> grid2 = recipientPhones(id, "SFZ-C01-G02", false);
        List<String> grid3 = recipientPhones(id, "SFZ-C01-G03", false);
        for (String phone : List.of(grid1.get(0), grid2.get(0), grid3.get(0))) {
            assertThat(rest.getForEntity("/notice/" + tokens.get(phone), String.class).getBody())
                    .contains("关于开展冬季燃气安全检查的通知", "发布单位：东湖社区");
            assertThat(confirmByLink(tokens.get(phone)).getBody()).contains("您已确认知晓");
        }
        // and five reply 收到 from their phones (mobile-originated deliver_sm on the session), one asks a question
        List<String> replying = List.of(grid1.get(1), grid2.get(1), grid3.get(1), grid3.get(2), grid3.get(3));
        for (String phone : replying) {
            SMSC.residentSends("86" + phone, SERVICE_NUMBER, "收到");
        }
        SMSC.residentSends("86" + grid2.get(2), SERVICE_NUMBER, "请问几点上门检查？");

        // Then those five are confirmed by reply; the question confirms nothing
        await().until(() -> replying.stream().allMatch(phone -> "REPLY".equals(confirmedVia(id, phone))));
        assertThat(confirmedVia(id, grid2.get(2))).isNull();

        // When the confirm-by time passes
        passConfirmBy(id);

        // Then grid 3 (all confirmed) has no task; grid 1's and grid 2's workers each find theirs, listing exactly
        // the households that neither opened the link nor replied 收到
        assertThat(tasks(id)).hasSize(2);
        List<String> rest1 = List.of(grid1.get(2), grid1.get(3), grid1.get(4));
        List<String> rest2 = List.of(grid2.get(2), grid2.get(3));
        for (Map.Entry<String, List<String>> worker : Map.of(GRID1_WORKER, rest1, GRID2_WORKER, rest2).entrySet()) {
            JsonNode task = onlyTask(worker.getKey(), id);
            List<Map<String, Object>> listed = formHouseholds(worker.getKey(), task);
            assertThat(listed).extracting(h -> (String) h.get("recipientId"))
                    .containsExactlyInAnyOrderElementsOf(ids(id, worker.getValue()));

            // When the worker, having called or visited them, ticks every one off
            post(worker.getKey(), "/engine-rest/task/" + task.path("id").asText() + "/claim",
                    Map.of("userId", worker.getKey()));
            assertThat(submit(worker.getKey(), task, tick(listed, "CONFIRMED")).getStatusCode())
                    .isEqualTo(HttpStatus.NO_CONTENT);
        }
        instances.runDueJobs(NoticeProcess.businessKey(id));

        // Then the notice is done with every household aware of it, and nothing is left behind
        instances.assertNothingLeftBehind(NoticeProcess.businessKey(id));
        JsonNode detail = detail(EAST_LAKE_LEADER, id);
        assertThat(detail.path("state").asText()).isEqualTo("DONE");
        counts = detail.path("counts");
        assertThat(counts.path("recipients").asInt()).isEqualTo(13);
        assertThat(counts.path("sent").asInt()).isEqualTo(13);
        assertThat(counts.path("delivered").asInt()).isEqualTo(13);
        assertThat(counts.path("confirmedByLink").asInt()).isEqualTo(3);
        assertThat(counts.path("confirmedByReply").asInt()).isEqualTo(5);
        assertThat(counts.path("confirmedByVisit").asInt()).isEqualTo(5);
        assertThat(counts.path("unreachable").asInt()).isZero();
        assertThat(counts.path("open").asInt()).isZero();
        assertThat(counts.path("awarenessRate").asDouble()).isEqualTo(1.0);
        // and no household got its SMS twice
        sendOutbox();
        assertThat(smsOf(tokens)).hasSize(13);
    }

    // ---------------------------------------------------------------- helpers

    /** 东湖社区's leader posts the gas-safety notice to the community; its recipients and SMS are queued. */
    private long gasSafetyNoticeToEastLake() {
        Map<String, Object> body = notice("关于开展冬季燃气安全检查的通知", List.of(EAST_LAKE));
        body.put("kind", "SAFETY");
        long id = send(EAST_LAKE_LEADER, body);
        fanOut(id);
        return id;
    }

    /**
     * The SMS the SMSC got for this notice, by recipient phone: the messages carrying one of its links (other
     * notices of this context went to the same demo phones). Fails on a link that came twice.
     */
    private static Map<String, SmppTestServer.Received> smsOf(Map<String, String> tokens) {
        Map<String, SmppTestServer.Received> mine = new HashMap<>();
        for (SmppTestServer.Received sms : SMSC.messages()) {
            tokens.forEach((phone, token) -> {
                if (sms.text().contains("/notice/" + token)) {
                    assertThat(mine.put(phone, sms)).as("second SMS to %s", phone).isNull();
                }
            });
        }
        return mine;
    }

    private void reply(String from, String text) {
        events.publishEvent(new InboundSms(from, text, BusinessClock.now(), null));
    }

    private List<String> ids(long id, List<String> phones) {
        List<String> ids = new ArrayList<>();
        for (String phone : phones) {
            ids.add(String.valueOf(jdbc.queryForObject("select id from notice_recipient where notice_id = ? "
                    + "and phone = ?", Long.class, id, phone)));
        }
        return ids;
    }

    private JsonNode onlyTask(String login, long id) {
        JsonNode tasks = get(login, "/engine-rest/task?processInstanceBusinessKey=" + NoticeProcess.businessKey(id))
                .getBody();
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).path("name").asText()).isEqualTo("核实通知查收");
        return tasks.get(0);
    }

    private JsonNode formVariables(String login, JsonNode task) {
        ResponseEntity<JsonNode> variables = get(login, "/engine-rest/task/" + task.path("id").asText()
                + "/form-variables?deserializeValues=false"); // as Tasklist loads a form
        assertThat(variables.getStatusCode()).as("%s", variables.getBody()).isEqualTo(HttpStatus.OK);
        return variables.getBody();
    }

    /** The households as Tasklist's form gets them (a Json variable). */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> formHouseholds(String login, JsonNode task) throws Exception {
        JsonNode households = formVariables(login, task).path("households");
        assertThat(households.path("type").asText()).isEqualTo("Json");
        JsonNode value = households.path("value");
        return json.readValue(value.isTextual() ? value.asText() : value.toString(), List.class);
    }

    private static List<Map<String, Object>> tick(List<Map<String, Object>> listed, String outcome) {
        List<Map<String, Object>> answers = new ArrayList<>();
        for (Map<String, Object> h : listed) {
            Map<String, Object> a = new HashMap<>(h);
            a.put("outcome", outcome);
            answers.add(a);
        }
        return answers;
    }

    /**
     * Submits the form as Tasklist does: the households ticked in its two checklists (each a Json variable of
     * recipient ids) and the reason for the unreachable ones.
     */
    private ResponseEntity<JsonNode> submit(String login, JsonNode task, List<Map<String, Object>> households)
            throws Exception {
        List<Object> confirmed = new ArrayList<>();
        List<Object> unreachable = new ArrayList<>();
        String reason = null;
        for (Map<String, Object> h : households) {
            if ("CONFIRMED".equals(h.get("outcome"))) {
                confirmed.add(h.get("recipientId"));
            } else if ("UNREACHABLE".equals(h.get("outcome"))) {
                unreachable.add(h.get("recipientId"));
                reason = (String) h.get("reason");
            }
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("confirmedHouseholds", Map.of("value", json.writeValueAsString(confirmed), "type", "Json"));
        variables.put("unreachableHouseholds", Map.of("value", json.writeValueAsString(unreachable), "type", "Json"));
        if (reason != null) {
            variables.put("unreachableReason", Map.of("value", reason, "type", "String"));
        }
        return post(login, "/engine-rest/task/" + task.path("id").asText() + "/submit-form",
                Map.of("variables", variables));
    }

    private ResponseEntity<JsonNode> post(String login, String path, Object body) {
        return postJson(login, path, body);
    }
}

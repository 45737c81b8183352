package org.gridcase.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code /api/notices}: who may send where, each bad field named, the POST answered before any SMS exists, and a notice
 * seen (and its follow-up task worked) only within the jurisdiction it reaches.
 */
class NoticeApiTest extends NoticeTestBase {

    @Test
    void everyBadFieldIsNamed() {
        // Given a notice with a text too long, a past confirm-by time, an unknown area, a micro-grid and no kind
        Map<String, Object> body = notice("停水通知", List.of("SFZ-C02-G02", "NO-SUCH-AREA"));
        body.put("text", "停".repeat(1001));
        body.put("confirmBy", "2020-01-01T08:00:00+08:00");
        body.put("kind", "RUMOUR");
        body.put("title", " ");

        // Then the answer names each of them
        JsonNode problem = problem(postJson(DISPATCHER, "/api/notices", body), 400);
        assertThat(fields(problem)).containsExactlyInAnyOrder("title", "text", "kind", "confirmBy", "areaCodes[1]");
        assertThat(problem.toString()).contains("正文最长 1000 字", "确认期限必须晚于当前时间", "区域 NO-SUCH-AREA 不存在");

        // And an unreadable time and an empty list of areas are named as well
        Map<String, Object> other = notice("停水通知", List.of());
        other.put("confirmBy", "明天");
        assertThat(fields(problem(postJson(DISPATCHER, "/api/notices", other), 400)))
                .containsExactlyInAnyOrder("confirmBy", "areaCodes");
        assertThat(jdbc.queryForObject("select count(*) from notice where title = '停水通知'", Integer.class)).isZero();
    }

    @Test
    void aSenderReachesOnlyHisOwnAreasAndGridWorkersSendNothing() {
        // A grid leader may send to his grid, not to the neighbouring grid nor to his whole community
        problem(postJson(GRID1_LEADER, "/api/notices", notice("楼道清理", List.of("SFZ-C01-G02"))), 403);
        JsonNode community = problem(postJson(GRID1_LEADER, "/api/notices", notice("楼道清理", List.of(EAST_LAKE))),
                403);
        assertThat(community.path("detail").asText()).contains("SFZ-C01", "不在您的辖区内");
        // a grid worker sends no notice at all
        assertThat(postJson(GRID1_WORKER, "/api/notices", notice("楼道清理", List.of("SFZ-C01-G01")))
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        // a community leader not beyond his community
        problem(postJson(EAST_LAKE_LEADER, "/api/notices", notice("楼道清理", List.of("SFZ-C02"))), 403);
        assertThat(jdbc.queryForObject("select count(*) from notice where title = '楼道清理'", Integer.class)).isZero();
    }

    @Test
    void thePostAnswersAtOnceAndTheSmsFollowInTheBackground() {
        // When the grid leader sends a notice to his grid
        ResponseEntity<JsonNode> response = postJson(GRID1_LEADER, "/api/notices", notice("电梯检修", List.of(
                "SFZ-C01-G01")));

        // Then it is accepted with its id, before any recipient or SMS exists
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        long id = response.getBody().path("id").asLong();
        assertThat(response.getHeaders().getLocation()).hasToString("/api/notices/" + id);
        assertThat(response.getBody().path("state").asText()).isEqualTo("QUEUED");
        assertThat(jdbc.queryForObject("select count(*) from notice_recipient where notice_id = ?", Integer.class,
                id)).isZero();

        // And the fan-out job writes one recipient per household and one SMS each, in Chinese, with the link
        fanOut(id);
        JsonNode detail = detail(GRID1_LEADER, id);
        assertThat(detail.path("counts").path("recipients").asInt()).isEqualTo(5);
        assertThat(detail.path("kindLabel").asText()).isEqualTo("天气预警");
        assertThat(detail.path("sender").asText()).isEqualTo("马秀英");
        assertThat(detail.path("senderUnit").asText()).isEqualTo("东湖社区第一网格");
        assertThat(detail.path("state").asText()).isEqualTo("AWAITING");
        String sms = jdbc.queryForObject("select body from notification where case_ref = ? and recipient = "
                + "'13700000101'", String.class, NoticeProcess.businessKey(id));
        assertThat(sms).startsWith("【东湖社区第一网格】天气预警：电梯检修。").contains("/notice/", "回复“收到”");
        // the household of 陈志明 and 陈思雨 (no phone) is one recipient; the token is stored hashed only
        String token = tokens(id).get("13700000102");
        assertThat(jdbc.queryForObject("select count(*) from notice_recipient where token_hash = ?", Integer.class,
                token)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from notice_recipient where token_hash = ?", Integer.class,
                NoticeService.hash(token))).isEqualTo(1);
        finish(id);
    }

    @Test
    void everyResidentWithAPhoneWhenNotPerHousehold() {
        // Grid 2 of 东湖社区: four households, five residents with a phone (李强 and 林慧 share one)
        Map<String, Object> body = notice("核酸检测", List.of("SFZ-C01-G02"));
        long perHousehold = send(DISPATCHER, body);
        body.put("perHousehold", false);
        long everyone = send(DISPATCHER, body);
        fanOut(perHousehold);
        fanOut(everyone);
        assertThat(detail(DISPATCHER, perHousehold).path("counts").path("recipients").asInt()).isEqualTo(4);
        assertThat(detail(DISPATCHER, everyone).path("counts").path("recipients").asInt()).isEqualTo(5);
        finish(perHousehold);
        finish(everyone);
    }

    @Test
    void aNoticeIsSeenOnlyWithinItsJurisdictionAndAnotherGridsWorkerCannotWorkItsTask() {
        // Given a notice of grid 1, past its confirm-by time with nobody confirmed
        long id = send(GRID1_LEADER, notice("消防通道清理", List.of("SFZ-C01-G01")));
        fanOut(id);
        passConfirmBy(id);
        Task task = taskOf(id, "SFZ-C01-G01");

        // Then grid 1's worker, the community and the town see it; grid 2's worker neither sees it nor its task
        assertThat(listed(GRID1_WORKER)).contains(id);
        assertThat(listed(EAST_LAKE_LEADER)).contains(id);
        assertThat(listed(TOWN_LEADER)).contains(id);
        assertThat(listed(GRID2_WORKER)).doesNotContain(id);
        problem(get(GRID2_WORKER, "/api/notices/" + id), 404);
        assertThat(get(GRID2_WORKER, "/engine-rest/task?processInstanceBusinessKey=" + NoticeProcess.businessKey(id))
                .getBody()).isEmpty();
        ResponseEntity<JsonNode> foreign = postJson(GRID2_WORKER, "/engine-rest/task/" + task.getId() + "/complete",
                Map.of("variables", Map.of()));
        assertThat(foreign.getStatusCode().is4xxClientError()).as("%s", foreign.getBody()).isTrue();
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);

        // And grid 1's worker finds it and its households in his task list
        JsonNode mine = get(GRID1_WORKER, "/engine-rest/task?processInstanceBusinessKey="
                + NoticeProcess.businessKey(id)).getBody();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).path("name").asText()).isEqualTo("核实通知查收");
        finish(id);
    }

    @Test
    void theListIsNewestFirstAndPagedWithCountsFromTheOutbox() {
        // Given two notices of 西河村 grid 3; the gateway delivered one SMS of the newer and sent another
        long older = send(TOWN_LEADER, notice("秸秆禁烧", List.of(WEST_RIVER_G3)));
        long newer = send(TOWN_LEADER, notice("冬季用电安全", List.of(WEST_RIVER_G3)));
        fanOut(older);
        fanOut(newer);
        List<String> keys = jdbc.queryForList("select dedup_key from notification where case_ref = ? order by id",
                String.class, NoticeProcess.businessKey(newer));
        jdbc.update("update notification set status = 'DELIVERED' where dedup_key = ?", keys.get(0));
        jdbc.update("update notification set status = 'SENT' where dedup_key = ?", keys.get(1));

        // Then the list shows the newer first, one per page
        JsonNode page = get(TOWN_LEADER, "/api/notices?page=0&size=1").getBody();
        assertThat(page.path("size").asInt()).isEqualTo(1);
        assertThat(page.path("totalItems").asLong()).isGreaterThanOrEqualTo(2);
        JsonNode first = page.path("items").get(0);
        assertThat(first.path("id").asLong()).isEqualTo(newer);
        assertThat(first.path("counts").path("sent").asInt()).isEqualTo(2);
        assertThat(first.path("counts").path("delivered").asInt()).isEqualTo(1);
        assertThat(first.path("counts").path("awarenessRate").asDouble()).isZero();
        assertThat(get(TOWN_LEADER, "/api/notices?page=1&size=1").getBody().path("items").get(0).path("id")
                .asLong()).isEqualTo(older);
        problem(get(TOWN_LEADER, "/api/notices?size=500"), 400);

        // And the detail breaks the counts down per community and grid
        JsonNode detail = detail(TOWN_LEADER, newer);
        assertThat(detail.path("communities").get(0).path("code").asText()).isEqualTo("SFZ-C02");
        assertThat(detail.path("communities").get(0).path("name").asText()).isEqualTo("西河村");
        assertThat(detail.path("grids").get(0).path("code").asText()).isEqualTo(WEST_RIVER_G3);
        assertThat(detail.path("grids").get(0).path("counts").path("recipients").asInt()).isEqualTo(2);
        finish(older);
        finish(newer);
    }

    // ---------------------------------------------------------------- helpers

    /** Runs the notice to its end: past confirm-by, every open household marked unreachable. */
    private void finish(long id) {
        passConfirmBy(id);
        for (Task task : tasks(id)) {
            List<Map<String, Object>> answers = new ArrayList<>();
            for (Map<String, Object> h : households(task)) {
                h.put("outcome", "UNREACHABLE");
                h.put("reason", "测试结束");
                answers.add(h);
            }
            taskService.complete(task.getId(), Map.of(NoticeProcess.HOUSEHOLDS, json(answers)));
        }
        instances.runDueJobs(NoticeProcess.businessKey(id));
        instances.assertNothingLeftBehind(NoticeProcess.businessKey(id));
    }

    private static Object json(Object value) {
        try {
            return org.camunda.spin.plugin.variable.SpinValues
                    .jsonValue(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value)).create();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private List<Long> listed(String login) {
        List<Long> ids = new ArrayList<>();
        get(login, "/api/notices?size=200").getBody().path("items").forEach(n -> ids.add(n.path("id").asLong()));
        return ids;
    }

    private static JsonNode problem(ResponseEntity<JsonNode> response, int status) {
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatusCode.valueOf(status));
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        return response.getBody();
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }
}

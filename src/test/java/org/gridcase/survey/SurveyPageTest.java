package org.gridcase.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
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
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The public survey page tells the reporter what happened to their case (what was reported, where, what was done and
 * by which unit) and, after the answer, what happens next; it shows nothing of the reporter, and a spent link shows
 * nothing of the case. Requests of 东湖社区第一网格 are driven to the survey through the engine's task API.
 */
class SurveyPageTest extends GridCaseTest {

    /** Inside grid 1 of 东湖社区. */
    private static final double LAT = 41.1035;
    private static final double LNG = 122.0060;
    private static final String DISPATCHER = "chenxiaoyan";
    private static final String GRID_WORKER = "zhangwei";
    private static final String GRID_NAME = "东湖社区第一网格";
    private static final String REPORTER = "邵秋菊";
    private static final String REPORTER_PHONE = "13700000377";

    @Autowired
    TaskService taskService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Registry registry;

    @Test
    void thePageTellsWhatWasReportedWhereAndWhatTheGridDidButNothingOfTheReporter() {
        // Given a request handled by the grid, with a long description and a note that needs escaping
        String description = "东湖小区5号楼西侧路灯不亮已一周，夜间行人看不清台阶<b>" + "，".repeat(150) + "结尾不应出现";
        String tn = register(description, "示范镇东湖小区5号楼西侧");
        handle(tn, "已更换灯泡并检查线路 <script>alert(1)</script>");

        // When the reporter opens the link
        ResponseEntity<String> page = rest.getForEntity(link(tn), String.class);

        // Then it says which case, what was reported (shortened), where, what was done and by which unit
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("lang=\"zh-CN\"", "name=\"viewport\"", tn,
                "东湖小区5号楼西侧路灯不亮已一周", "&lt;b&gt;", "…", "示范镇东湖小区5号楼西侧", GRID_NAME,
                "已更换灯泡并检查线路 &lt;script&gt;", "承办单位", "<label for=\"comment\">", "提交评价");
        assertThat(page.getBody()).doesNotContain("结尾不应出现", "<script>", "<b>");
        // and nothing of the reporter, no login and no code
        assertThat(page.getBody()).doesNotContain(REPORTER, REPORTER.substring(0, 1) + "*", REPORTER_PHONE,
                GRID_WORKER, "张伟", "SFZ-C01-G01", "area-");
    }

    @Test
    void aCaseReportedByItsCoordinatesOnlyShowsNoRawCoordinates() {
        // Given a request without an address
        String tn = register("小区门口井盖松动", null);
        handle(tn, "井盖已固定");

        // Then the page names the place without numbers
        String body = rest.getForEntity(link(tn), String.class).getBody();
        assertThat(body).contains("（按您上报时的手机定位）", GRID_NAME, "井盖已固定").doesNotContain("41.1035", "122.006");
    }

    @Test
    void aSatisfiedAnswerSaysTheCaseIsClosedAndTheSpentLinkShowsNoCaseData() {
        // Given a handled request and its link
        String tn = register("楼道堆放杂物影响通行", "示范镇东湖小区2号楼");
        handle(tn, "杂物已清理");
        String link = link(tn);

        // When the reporter is satisfied
        ResponseEntity<String> thanks = answer(link, "SATISFIED", "YES");

        // Then the page says the case is closed
        assertThat(thanks.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(thanks.getBody()).contains("感谢您的评价", tn, "已办结，感谢您的评价");
        assertThat(status(tn)).isEqualTo("CLOSED");

        // And the spent link shows that it is spent, and nothing of the case
        ResponseEntity<String> spent = rest.getForEntity(link, String.class);
        assertThat(spent.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(spent.getBody()).contains("链接已失效")
                .doesNotContain(tn, "楼道堆放杂物", "示范镇东湖小区2号楼", "杂物已清理", GRID_NAME);
        ResponseEntity<String> again = answer(link, "UNSATISFIED", "NO");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(again.getBody()).doesNotContain(tn, "杂物已清理");
    }

    @Test
    void anExpiredLinkShowsNoCaseData() {
        // Given a link whose time has passed
        String tn = register("健身器材损坏", "示范镇东湖小区广场");
        handle(tn, "器材已报修更换");
        String link = link(tn);
        jdbc.update("update survey_token set expires_at = created_at where tracking_number = ?", tn);

        // Then it shows that it has expired, and nothing of the case
        ResponseEntity<String> expired = rest.getForEntity(link, String.class);
        assertThat(expired.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(expired.getBody()).contains("链接已失效").doesNotContain(tn, "健身器材", "器材已报修更换", GRID_NAME);
    }

    @Test
    void anUnsatisfiedAnswerSaysWhichUnitTakesItBackAndTheLastRoundGoesToTheTownLeaders() {
        // Given a handled request
        String tn = register("小区内电动车乱停放堵塞消防通道", "示范镇东湖小区1号楼");
        handle(tn, "已劝离车辆");

        // When the reporter is not satisfied
        ResponseEntity<String> first = answer(link(tn), "UNSATISFIED", "NO");

        // Then the page says the case went back to the grid for another round
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(first.getBody()).contains("已交回" + GRID_NAME + "重新办理").doesNotContain("已办结");
        assertThat(status(tn)).isEqualTo("HANDLING");

        // And after the last allowed round (case-sla.dmn: two reopens), the next refusal goes to the town's leaders
        handle(tn, "已设置隔离桩");
        assertThat(answer(link(tn), "UNSATISFIED", "NO").getBody()).contains("已交回" + GRID_NAME);
        handle(tn, "已安排专人值守");
        ResponseEntity<String> last = answer(link(tn), "UNSATISFIED", "NO");
        assertThat(last.getBody()).contains("示范镇领导签批").doesNotContain("已交回");
        assertThat(status(tn)).isEqualTo("SIGNOFF");
    }

    @Test
    void aCaseTheGridPassedToItsDepartmentNamesTheDepartmentAndItsNote() {
        // Given a request the grid cannot solve: it goes to the category's department, whose staff handle it
        String department = registry.department("URBAN_MGMT").orElseThrow().name();
        String tn = register("小区外墙广告牌松动", "示范镇东湖小区7号楼");
        work(tn, GRID_WORKER, Map.of("handlingOutcome", "TRANSFER", "handlingNote", "需专业设备"));
        work(tn, "luojun", Map.of("handlingOutcome", "RESOLVED", "handlingNote", "广告牌已拆除加固"));

        // Then the page names the department and its note, not the grid's hand-over nor the staff member
        String page = rest.getForEntity(link(tn), String.class).getBody();
        assertThat(page).contains(department, "广告牌已拆除加固").doesNotContain("需专业设备", "luojun", "罗俊");

        // And an unsatisfied answer sends it back to the department
        assertThat(answer(link(tn), "UNSATISFIED", "NO").getBody()).contains("已交回" + department + "重新办理");
    }

    // ---------------------------------------------------------------- helpers

    private String register(String description, String address) {
        Map<String, Object> body = new HashMap<>();
        body.put("category", "SANITATION");
        body.put("description", description);
        body.put("channel", "HOTLINE");
        body.put("location", Map.of("lat", LAT, "lng", LNG));
        if (address != null) {
            body.put("address", address);
        }
        body.put("reporter", Map.of("name", REPORTER, "phone", REPORTER_PHONE));
        ResponseEntity<JsonNode> response = postJson(DISPATCHER, "/api/requests", body);
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
        String tn = response.getBody().path("trackingNumber").asText();
        work(tn, GRID_WORKER, Map.of("verifyOutcome", "VALID", "verifyNote", "现场属实"));
        return tn;
    }

    /** The grid worker completes the handling task: the case goes to the survey and a fresh link is sent. */
    private void handle(String tn, String note) {
        work(tn, GRID_WORKER, Map.of("handlingOutcome", "RESOLVED", "handlingNote", note));
        assertThat(status(tn)).isEqualTo("SURVEY");
    }

    private void work(String tn, String login, Map<String, Object> variables) {
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(tn).singleResult();
        taskService.claim(task.getId(), login);
        taskService.complete(task.getId(), variables);
    }

    /** The newest link of the case (the survey_token table is what the SMS carries). */
    private String link(String tn) {
        return "/survey/" + jdbc.queryForObject("select token from survey_token where tracking_number = ? "
                + "order by created_at desc limit 1", String.class, tn);
    }

    private String status(String tn) {
        return get(DISPATCHER, "/api/cases/" + tn).getBody().path("status").asText();
    }

    private ResponseEntity<String> answer(String path, String satisfaction, String resolved) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("satisfaction", satisfaction);
        form.add("resolved", resolved);
        return rest.exchange(path, HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    }
}

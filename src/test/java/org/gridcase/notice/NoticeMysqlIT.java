package org.gridcase.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.gridcase.ItDatabase;
import org.gridcase.casefile.CaseInstances;
import org.gridcase.support.BusinessClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A notice from posting to done on a real MySQL-dialect server (the notice SQL is plain JDBC: batch inserts,
 * generated keys, LIMIT parameters, booleans, UTC wall-clock times): recipients, SMS in chunks, a receipt by link and
 * one by reply, the follow-up task, the counts. Runs with {@code ./mvnw -Pmysql-it verify}, on the database of
 * {@code MysqlDialectIT} (it passes on one left over from an earlier run).
 */
@SpringBootTest(properties = {"camunda.bpm.job-execution.enabled=false", "gridcase.notify.poll-millis=3600000",
        "gridcase.registry.index-poll-millis=3600000", "gridcase.notice.sms-chunk=2"})
@ActiveProfiles({"mysql", "demo"})
class NoticeMysqlIT {

    private static final String GRID = "SFZ-C01-G01";
    private static final Pattern TOKEN = Pattern.compile("/notice/([A-Za-z0-9_-]+)");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        ItDatabase.register(registry);
    }

    @Autowired
    NoticeService notices;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProcessEngine engine;
    @Autowired
    TaskService taskService;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aGridNoticeRunsFromPostToDoneOnMysql() throws Exception {
        // Given grid 1's leader sends a notice to his grid (Chinese text, an emoji)
        CaseInstances instances = new CaseInstances(engine);
        String confirmBy = BusinessClock.now().plus(Duration.ofDays(1)).atOffset(ZoneOffset.ofHours(8)).toString();
        long id = notices.send(new NoticeService.Caller("maxiuying", Set.of("grid-leaders")),
                new NoticeService.NoticeInput("楼道消防检查🔥", "本周六上午检查楼道消防设施，请清理楼道杂物。", "SAFETY",
                        confirmBy, List.of(GRID), null)).id();
        String key = NoticeProcess.businessKey(id);
        instances.runDueJobs(key);

        // Then every household has its SMS, each once
        int households = jdbc.queryForObject("select count(*) from notice_recipient where notice_id = ?",
                Integer.class, id);
        assertThat(households).isPositive();
        assertThat(jdbc.queryForObject("select count(*) from notification where case_ref = ?", Integer.class, key))
                .isEqualTo(households);
        assertThat(jdbc.queryForObject("select state from notice where id = ?", String.class, id))
                .isEqualTo("AWAITING");

        // When one household confirms by link and another by reply
        List<Map<String, Object>> sms = jdbc.queryForList("select recipient, body from notification "
                + "where case_ref = ? order by id", key);
        Matcher m = TOKEN.matcher((String) sms.get(0).get("body"));
        assertThat(m.find()).isTrue();
        assertThat(notices.confirmByToken(m.group(1)).title()).isEqualTo("楼道消防检查🔥");
        int byReply = households > 1 ? notices.reply((String) sms.get(1).get("recipient"), "收到", BusinessClock.now())
                : 0;

        // And the confirm-by time passes: the grid's workers tick off the rest
        Timestamp at = jdbc.queryForObject("select confirm_by from notice where id = ?", Timestamp.class, id);
        CaseInstances.moveTo(at.toLocalDateTime().toInstant(ZoneOffset.UTC).plus(Duration.ofMinutes(1)));
        instances.runDueJobs(key);
        if (households > 1 + byReply) {
            Task task = taskService.createTaskQuery().processInstanceBusinessKey(key).singleResult();
            List<Map<String, Object>> answers = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            for (Object h : json.readValue(taskService.getVariable(task.getId(), "households").toString(),
                    List.class)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> answer = new java.util.HashMap<>((Map<String, Object>) h);
                answer.put("outcome", "CONFIRMED");
                answers.add(answer);
            }
            assertThat(answers).hasSize(households - 1 - byReply);
            taskService.complete(task.getId(), Map.of("households",
                    SpinValues.jsonValue(json.writeValueAsString(answers)).create()));
            instances.runDueJobs(key);
        }

        // Then the notice is done, every household confirmed, counted per way
        instances.assertNothingLeftBehind(key);
        NoticeService.NoticeDetail detail = notices.detail(new NoticeService.Caller("maxiuying",
                Set.of("grid-leaders")), id);
        assertThat(detail.state()).isEqualTo(NoticeState.DONE);
        assertThat(detail.title()).isEqualTo("楼道消防检查🔥");
        assertThat(detail.counts().confirmed()).isEqualTo(households);
        assertThat(detail.counts().confirmedByLink()).isEqualTo(1);
        assertThat(detail.counts().confirmedByReply()).isEqualTo(byReply);
        assertThat(detail.counts().awarenessRate()).isEqualTo(1.0);
        assertThat(notices.list(new NoticeService.Caller("maxiuying", Set.of("grid-leaders")), 0, 5).items())
                .extracting(NoticeService.NoticeSummary::id).contains(id);
    }
}

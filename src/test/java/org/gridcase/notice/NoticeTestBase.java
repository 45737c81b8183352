package org.gridcase.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.gridcase.casefile.CaseInstances;
import org.gridcase.notify.OutboxRun;
import org.gridcase.notify.SmppTestServer;
import org.gridcase.support.BusinessClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestExecutionListeners;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one application context of the notice tests: the demo town on an H2 database of its own, a real HTTP server,
 * the job executor off (each test runs the fan-out and the timer itself, through the engine clock) and the SMS
 * chunk small, so a community's notice loops through several fan-out jobs. Process test coverage is reported.
 * <p>
 * SMS go through the real SMPP adapter to the SMSC in the test JVM ({@link #SMSC}, jsmpp's server side), bound as
 * transceiver at start; the outbox is sent only when a test runs it ({@link #sendOutbox}), so the other notice tests
 * read their SMS from the outbox unsent. The server lives as long as the test JVM, like the cached context bound to
 * it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:notice;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        "gridcase.notify.poll-millis=3600000",
        "gridcase.registry.index-poll-millis=3600000",
        "gridcase.demo.sample-tasks=false",
        "gridcase.public-url=https://gridcase.example.org/",
        "gridcase.notice.sms-chunk=3",
        "gridcase.notify.sms.provider=smpp",
        "gridcase.notify.sms.sender=" + NoticeTestBase.SERVICE_NUMBER,
        "gridcase.notify.sms.smpp.host=127.0.0.1",
        "gridcase.notify.sms.smpp.system-id=" + SmppTestServer.SYSTEM_ID,
        "gridcase.notify.sms.smpp.password=" + SmppTestServer.PASSWORD,
        "gridcase.notify.sms.smpp.submits-per-second=1000"})
@ActiveProfiles("demo")
@Import(ProcessEngineCoverageConfiguration.class)
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
abstract class NoticeTestBase {

    static final SmppTestServer SMSC = new SmppTestServer();
    static final String SERVICE_NUMBER = "106900001234";
    static final String PASSWORD = "demo";
    static final String TOWN_LEADER = "lizhenhua"; // LEADER of 示范镇
    static final String DISPATCHER = "chenxiaoyan";
    static final String EAST_LAKE_LEADER = "zhoulihua"; // LEADER of 东湖社区 SFZ-C01
    static final String GRID1_LEADER = "maxiuying"; // GRID_LEADER of SFZ-C01-G01
    static final String GRID1_WORKER = "zhangwei"; // SFZ-C01-G01
    static final String GRID2_WORKER = "wangfang"; // SFZ-C01-G02
    static final String GRID3_WORKER = "lina"; // SFZ-C01-G03
    static final String EAST_LAKE = "SFZ-C01";
    static final String WEST_RIVER_G1 = "SFZ-C02-G01";
    static final String WEST_RIVER_G3 = "SFZ-C02-G03";
    private static final Pattern LINK = Pattern.compile("https://gridcase\\.example\\.org/notice/([A-Za-z0-9_-]+)");

    @Autowired
    TestRestTemplate rest;
    @Autowired
    ProcessEngine engine;
    @Autowired
    TaskService taskService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    NoticeService notices;
    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void smsc(DynamicPropertyRegistry registry) {
        registry.add("gridcase.notify.sms.smpp.port", () -> SMSC.port);
    }

    CaseInstances instances;

    @BeforeEach
    void engineOfThisContext() {
        ProcessEngines.registerProcessEngine(engine);
        AbstractAssertions.init(engine);
        instances = new CaseInstances(engine);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    /** Sends every SMS due in the outbox through the SMPP session, as the dispatcher's schedule would. */
    void sendOutbox() {
        SMSC.awaitBound(context);
        OutboxRun.now(context);
    }

    TestRestTemplate as(String login) {
        return rest.withBasicAuth(login, PASSWORD);
    }

    ResponseEntity<JsonNode> get(String login, String path) {
        return as(login).getForEntity(path, JsonNode.class);
    }

    ResponseEntity<JsonNode> postJson(String login, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return as(login).exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    /** A notice body, confirm-by a day from the engine's now. */
    static Map<String, Object> notice(String title, List<String> areas) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("text", "受冷空气影响，今夜至明天有大风降温，请关好门窗，收好阳台杂物，老人儿童注意保暖。");
        body.put("kind", "WEATHER_WARNING");
        body.put("confirmBy", confirmBy().toString());
        body.put("areaCodes", areas);
        return body;
    }

    static OffsetDateTime confirmBy() {
        return BusinessClock.now().plus(Duration.ofDays(1)).atOffset(ZoneOffset.ofHours(8)).withNano(0);
    }

    /** Posts a notice (202) and answers its id; nothing is fanned out yet. */
    long send(String login, Map<String, Object> body) {
        ResponseEntity<JsonNode> response = postJson(login, "/api/notices", body);
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        return response.getBody().path("id").asLong();
    }

    /** Runs the fan-out jobs (recipients, then the SMS chunks); the confirm-by timer stays. */
    void fanOut(long id) {
        instances.runDueJobs(NoticeProcess.businessKey(id));
        assertThat(state(id)).isEqualTo("AWAITING");
    }

    /** Moves the engine clock past confirm-by and runs what is due. */
    void passConfirmBy(long id) {
        Instant at = jdbc.queryForObject("select confirm_by from notice where id = ?", java.sql.Timestamp.class, id)
                .toLocalDateTime().toInstant(ZoneOffset.UTC);
        CaseInstances.moveTo(at.plus(Duration.ofMinutes(1)));
        instances.runDueJobs(NoticeProcess.businessKey(id));
    }

    String state(long id) {
        return jdbc.queryForObject("select state from notice where id = ?", String.class, id);
    }

    /** The one-time token of each recipient's SMS, by phone (read from the SMS body in the outbox). */
    Map<String, String> tokens(long id) {
        Map<String, String> tokens = new HashMap<>();
        for (Map<String, Object> row : jdbc.queryForList("select recipient, body from notification "
                + "where case_ref = ?", NoticeProcess.businessKey(id))) {
            Matcher m = LINK.matcher((String) row.get("body"));
            assertThat(m.find()).as("link in %s", row.get("body")).isTrue();
            tokens.put((String) row.get("recipient"), m.group(1));
        }
        return tokens;
    }

    /** The household confirms through the page, as its browser would post the form. */
    ResponseEntity<String> confirmByLink(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        return rest.exchange("/notice/" + token, HttpMethod.POST, new HttpEntity<>("", headers), String.class);
    }

    List<Task> tasks(long id) {
        return taskService.createTaskQuery().processInstanceBusinessKey(NoticeProcess.businessKey(id))
                .orderByTaskId().asc().list();
    }

    Task taskOf(long id, String grid) {
        return tasks(id).stream().filter(t -> instances.candidateGroups(t.getId()).contains("area-" + grid))
                .findFirst().orElseThrow(() -> new AssertionError("no task for " + grid));
    }

    /** The households a task lists, as the form gets them. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> households(Task task) {
        Object value = taskService.getVariable(task.getId(), NoticeProcess.HOUSEHOLDS);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(value.toString(), List.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** The phones of the recipients of a grid that the task should list. */
    List<String> recipientPhones(long id, String grid, boolean open) {
        return jdbc.queryForList("select phone from notice_recipient where notice_id = ? and grid_code = ?"
                + (open ? " and confirmed_at is null and unreachable_reason is null" : "") + " order by phone",
                String.class, id, grid);
    }

    /** How the phone's household confirmed the notice (LINK, REPLY, VISIT), null while it has not. */
    String confirmedVia(long id, String phone) {
        return jdbc.queryForObject("select confirmed_via from notice_recipient where notice_id = ? and phone = ?",
                String.class, id, phone);
    }

    JsonNode detail(String login, long id) {
        ResponseEntity<JsonNode> response = get(login, "/api/notices/" + id);
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }
}

package org.gridcase.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.gridcase.MailServerTest;
import org.gridcase.casefile.CaseEventType;
import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.CaseInstances;
import org.gridcase.casefile.Cases;
import org.gridcase.registry.Registry;
import org.gridcase.survey.SurveyService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The fault drills' one application context (both drills share it, so it starts once): the demo town in an H2
 * database of its own, a GreenMail SMTP server, the job executor and the outbox's schedule off. A drill moves the
 * engine clock ({@link ClockUtil}, which is also {@code BusinessClock}: timers, retry due dates and the outbox's
 * back-off all follow it) and runs the due jobs and the outbox itself, so every wait is a step, not a sleep.
 * The registry is the real one, spied: a drill makes it fail as a lost database connection would, then heals it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:fault-drills;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        "gridcase.notify.poll-millis=86400000",
        "gridcase.registry.index-poll-millis=3600000",
        "gridcase.demo.sample-tasks=false"})
abstract class FaultDrill extends MailServerTest {

    /** A point inside grid 1 of 东湖社区. */
    static final RequestIntake.Location EAST_LAKE_GRID_1 = new RequestIntake.Location(41.1035, 122.0060);

    @MockitoSpyBean
    Registry registry;
    /** The asynchronous step of verify-building.bpmn that writes the building's numbers into the registry. */
    @MockitoSpyBean(name = "recordBuildingVerification")
    JavaDelegate recordBuildingVerification;
    @Autowired
    RequestIntake intake;
    @Autowired
    Cases cases;
    @Autowired
    SurveyService survey;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    ManagementService managementService;
    @Autowired
    IdentityService identityService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;

    @BeforeEach
    void startTheClock() {
        ClockUtil.setCurrentTime(Date.from(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    }

    @AfterEach
    void resetTheClock() {
        ClockUtil.reset();
    }

    CaseInstances instances() {
        return new CaseInstances(processEngine);
    }

    static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    static void moveTo(Instant instant) {
        CaseInstances.moveTo(instant);
    }

    /** A request of grid 1, verified by its grid worker, waiting at the handling task with its clock running. */
    String dispatchedRequest(String description) {
        String tn = intake.submit(new RequestIntake.RequestInput("SANITATION", description, "HOTLINE", "NORMAL",
                EAST_LAKE_GRID_1, "示范镇东湖小区3号楼", null,
                new RequestIntake.Reporter("刘桂芝", "13700000101", null), null), "chenxiaoyan")
                .file().getTrackingNumber();
        complete(tn, RequestProcess.TASK_VERIFY, "zhangwei", Map.of("verifyOutcome", "VALID", "verifyNote", "现场属实"));
        assertThat(openTask(tn, RequestProcess.TASK_HANDLE)).isNotNull();
        return tn;
    }

    Task openTask(String tn, String taskKey) {
        return taskService.createTaskQuery().processInstanceBusinessKey(tn).taskDefinitionKey(taskKey).singleResult();
    }

    void complete(String tn, String taskKey, String login, Map<String, Object> variables) {
        Task task = openTask(tn, taskKey);
        if (task.getAssignee() == null) {
            taskService.claim(task.getId(), login);
        }
        taskService.complete(task.getId(), new HashMap<>(variables));
    }

    /** The grid worker settles the request and the reporter rates it through the one-time link: closed. */
    void resolveAndClose(String tn) {
        complete(tn, RequestProcess.TASK_HANDLE, "zhangwei", Map.of("handlingOutcome", "RESOLVED",
                "handlingNote", "已清运完毕"));
        String token = jdbc.queryForObject("select token from survey_token where tracking_number = ? "
                + "and answered_at is null", String.class, tn);
        survey.answer(token, "SATISFIED", "YES", "及时");
        assertThat(file(tn).getStatus().finished()).as("%s closed", tn).isTrue();
        instances().assertNothingLeftBehind(tn);
    }

    CaseFile file(String tn) {
        return cases.find(tn).orElseThrow();
    }

    List<CaseEventType> events(String tn) {
        return tx.execute(s -> cases.timeline(file(tn)).stream().map(e -> e.getType()).toList());
    }

    /** The e-mail addresses of a group's members (whom a group alert is mailed to). */
    List<String> mailboxesOf(String groupId) {
        return identityService.createUserQuery().memberOfGroup(groupId).list().stream().map(User::getEmail)
                .filter(e -> e != null && !e.isBlank()).toList();
    }
}

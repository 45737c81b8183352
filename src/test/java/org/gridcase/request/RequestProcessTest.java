package org.gridcase.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.gridcase.casefile.CaseVariables.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.gridcase.casefile.CaseAccess;
import org.gridcase.casefile.CaseCommands;
import org.gridcase.casefile.CaseEvent;
import org.gridcase.casefile.CaseEventType;
import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.CaseInstances;
import org.gridcase.casefile.CaseStatus;
import org.gridcase.casefile.Cases;
import org.gridcase.casefile.Light;
import org.gridcase.escalation.ClockProcess;
import org.gridcase.escalation.SignoffProcess;
import org.gridcase.survey.SurveyProcess;
import org.gridcase.survey.SurveyService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every path of {@code request.bpmn} and the call activities it shares ({@code leader-signoff},
 * {@code callback-survey}), on the real engine with the demo town. The job executor is off: timers and async
 * steps run when a test moves the engine clock ({@link ClockUtil}) and executes the due jobs.
 * Process test coverage is reported to target/process-test-coverage and must reach 95%.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:request-process;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        "gridcase.notify.poll-millis=3600000",
        // coverage starts with the first test: no process may run while the context starts
        "gridcase.demo.sample-tasks=false"})
@Import({ProcessEngineCoverageConfiguration.class, RequestProcessTest.Coverage.class})
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class RequestProcessTest {

    /** Points inside the demo grids. */
    static final double[] EAST_LAKE_GRID_1 = {41.1035, 122.0060};

    @TestConfiguration
    static class Coverage {
        @Bean
        @Primary
        ProcessEngineCoverageProperties coverageProperties() {
            return new ProcessEngineCoverageProperties.Builder()
                    .excludeProcessDefinitionKeys("verify-building")
                    .assertClassCoverageAtLeast(0.95)
                    .build();
        }
    }

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired HistoryService historyService;
    @Autowired RequestIntake intake;
    @Autowired CaseCommands commands;
    @Autowired Cases cases;
    @Autowired SurveyService survey;
    @Autowired JdbcTemplate jdbc;
    @Autowired org.gridcase.deadline.WorkingCalendar calendar;
    @Autowired TransactionTemplate tx;

    Instant now;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        ClockUtil.setCurrentTime(Date.from(now));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    // ---------------------------------------------------------------- happy path and the simple endings

    @Test
    void requestSettledInTheGridIsClosedAfterTheReporterRatesItOnline() {
        // Given a sanitation request inside grid 1 of 东湖社区
        Started r = start("SANITATION", EAST_LAKE_GRID_1);
        assertThat(r.file().getGridCode()).isEqualTo("SFZ-C01-G01");
        assertThat(r.process()).isWaitingAt(RequestProcess.TASK_VERIFY);
        assertThat(candidateGroups(task(r))).containsExactly("area-SFZ-C01-G01");

        // When the grid worker verifies it and settles it
        complete(r, "zhangwei", Map.of("verifyOutcome", "VALID", "verifyNote", "现场属实，垃圾堆放"));
        assertThat(r.process()).isWaitingAt(RequestProcess.TASK_HANDLE);
        Task handle = task(r);
        assertThat(candidateGroups(handle)).containsExactly("area-SFZ-C01-G01");
        assertThat(handle.getDueDate()).isEqualTo(Date.from(file(r).getHandlingDueAt()));
        assertThat(handle.getFollowUpDate()).isEqualTo(Date.from(file(r).getYellowAt()));
        // what Tasklist lists beside the task is on the task itself (staff may read task variables only)
        assertThat(taskService.getVariablesLocal(handle.getId())).containsEntry(TRACKING_NUMBER, r.trackingNumber())
                .containsEntry(CATEGORY_NAME, "环境卫生").containsEntry(GRID_NAME, "东湖社区第一网格")
                .containsKey(HANDLING_DUE_TEXT);
        // the grid may transfer a sanitation case to its department
        assertThat(((org.camunda.bpm.engine.variable.value.ObjectValue) taskService.getVariableTyped(handle.getId(),
                "handlingOptions", false)).getValueSerialized()).contains("TRANSFER");
        // and the form shows what happened before: the verification, by whom by name, the place by name
        assertThat((String) taskService.getVariableLocal(handle.getId(), CASE_STORY))
                .contains("现场属实，垃圾堆放", "张伟", "东湖社区第一网格", "东湖社区", "8890/12345 热线");
        complete(r, "zhangwei", Map.of("handlingOutcome", "RESOLVED", "handlingNote", "已清运"));

        // Then the reporter gets a one-time link and rates the result through it
        assertThat(file(r).getStatus()).isEqualTo(CaseStatus.SURVEY);
        assertThat(outbox(r, "SURVEY_LINK")).contains("SMS");
        String link = token(r);
        survey.answer(link, "SATISFIED", "YES", "很及时");
        assertThat(r.process()).isEnded().hasPassed("CloseRequest");
        assertNothingLeftBehind(r);
        CaseFile closed = file(r);
        assertThat(closed.getStatus()).isEqualTo(CaseStatus.CLOSED);
        assertThat(closed.getSatisfaction()).isEqualTo("SATISFIED");
        // and the case record keeps what the rates read: responded and closed in time, solved per the survey
        assertThat(closed.getRespondedOnTime()).isTrue();
        assertThat(closed.getRespondedAt()).isNotNull();
        assertThat(closed.getClosedOnTime()).isTrue();
        assertThat(closed.getSurveyResolved()).isEqualTo("YES");
        assertThat(closed.isReopened()).isFalse();
        assertThat(events(r)).containsSubsequence(CaseEventType.REGISTERED, CaseEventType.ROUTED,
                CaseEventType.VERIFIED, CaseEventType.DISPATCHED, CaseEventType.HANDLED,
                CaseEventType.SURVEY_SENT, CaseEventType.SURVEYED, CaseEventType.CLOSED);
        assertThat(outbox(r, "CASE_CLOSED")).contains("SMS");
        // and the link works once only
        assertThatThrownBy(() -> survey.answer(link, "SATISFIED", "YES", null))
                .hasMessageContaining("已使用或已过期");
    }

    @Test
    void consultationIsAnsweredOnTheCall() {
        Started r = start("CONSULTATION", EAST_LAKE_GRID_1);
        assertThat(r.process()).isEnded().hasPassed("AnswerOnCall");
        assertNothingLeftBehind(r);
        assertThat(file(r).getStatus()).isEqualTo(CaseStatus.ANSWERED);
    }

    @Test
    void invalidRequestIsRejectedWithTheReason() {
        Started r = start("SANITATION", EAST_LAKE_GRID_1);
        complete(r, "zhangwei", Map.of("verifyOutcome", "INVALID", "verifyNote", "现场无此情况"));
        assertThat(r.process()).isEnded().hasPassed("RejectRequest");
        assertNothingLeftBehind(r);
        assertThat(file(r).getStatus()).isEqualTo(CaseStatus.REJECTED);
        assertThat(file(r).getOutcomeNote()).isEqualTo("现场无此情况");
    }

    @Test
    void duplicateRequestIsMergedIntoTheEarlierCase() {
        Started first = start("SANITATION", EAST_LAKE_GRID_1);
        Started second = start("SANITATION", EAST_LAKE_GRID_1);
        complete(second, "zhangwei", Map.of("verifyOutcome", "DUPLICATE", "verifyNote", "同一处垃圾",
                "duplicateOf", first.trackingNumber()));
        assertThat(second.process()).isEnded().hasPassed("MergeRequest");
        assertNothingLeftBehind(second);
        assertThat(file(second).getStatus()).isEqualTo(CaseStatus.MERGED);
        assertThat(file(second).getMergedInto()).isEqualTo(first.trackingNumber());
        assertThat(events(first)).contains(CaseEventType.MERGED);
    }

    @Test
    void serverRejectsAnIncompleteFormAndTheTaskStaysOpen() {
        Started r = start("SANITATION", EAST_LAKE_GRID_1);
        Task verify = task(r);
        assertThatThrownBy(() -> taskService.complete(verify.getId(), Map.of("verifyOutcome", "VALID")))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("核实情况必填");
        assertThatThrownBy(() -> taskService.complete(verify.getId(), Map.of("verifyOutcome", "DUPLICATE",
                "verifyNote", "重复", "duplicateOf", "SQ-19990101-0001")))
                .hasMessageContaining("重复的案件编号不存在");
        assertThat(r.process()).isWaitingAt(RequestProcess.TASK_VERIFY);
    }

    // ---------------------------------------------------------------- dispatch corrections

    @Test
    void departmentReturnsAWrongDispatchAndTheDispatcherRedispatches() {
        // Given a street light request: the department handles it, the dispatchers verify it
        Started r = start("STREET_LIGHT", EAST_LAKE_GRID_1);
        assertThat(candidateGroups(task(r))).containsExactly("dispatchers");
        complete(r, "chenxiaoyan", Map.of("verifyOutcome", "VALID", "verifyNote", "属实"));
        assertThat(candidateGroups(task(r))).containsExactly("dept-URBAN_MGMT");

        // a department is not offered the grid's transfer (the form offers only what the task accepts)
        assertThat(((org.camunda.bpm.engine.variable.value.ObjectValue) taskService.getVariableTyped(task(r).getId(),
                "handlingOptions", false)).getValueSerialized()).contains("RESOLVED", "RETURN", "SIGNOFF")
                .doesNotContain("TRANSFER");

        // When the department returns it
        complete(r, "luojun", Map.of("handlingOutcome", "RETURN", "handlingNote", "该路段路灯归住建局管理"));
        assertThat(r.process()).isWaitingAt(RequestProcess.TASK_REDISPATCH);
        assertThat(file(r).getStatus()).isEqualTo(CaseStatus.REDISPATCHING);
        // the dispatchers have four hours to re-dispatch (case-sla.dmn's redispatch limit)
        assertThat(task(r).getDueDate()).isEqualTo(Date.from(now.plus(Duration.ofHours(4))));
        // the dispatcher picks a grid or department by name, from the registry
        assertThat(((org.camunda.bpm.engine.variable.value.ObjectValue) taskService.getVariableTyped(task(r).getId(),
                "gridOptions", false)).getValueSerialized()).contains("{\"label\":\"东湖社区第二网格\",\"value\":\"SFZ-C01-G02\"}");
        assertThat(((org.camunda.bpm.engine.variable.value.ObjectValue) taskService.getVariableTyped(task(r).getId(),
                DEPARTMENT_OPTIONS, false)).getValueSerialized()).contains("住房和城乡建设局");
        assertThatThrownBy(() -> complete(r, "chenxiaoyan", Map.of("redispatchTarget", "DEPARTMENT",
                "redispatchDepartment", "NO_SUCH", "redispatchNote", "改派"))).hasMessageContaining("部门不存在");
        complete(r, "chenxiaoyan", Map.of("redispatchTarget", "DEPARTMENT", "redispatchDepartment", "HOUSING",
                "redispatchNote", "改派住建局"));

        // Then it is the right department's task
        assertThat(r.process()).isWaitingAt(RequestProcess.TASK_HANDLE);
        assertThat(candidateGroups(task(r))).containsExactly("dept-HOUSING");
        assertThat(file(r).getDepartmentCode()).isEqualTo("HOUSING");
        assertThat(events(r)).contains(CaseEventType.RETURNED, CaseEventType.REDISPATCHED);

        // and the dispatcher may also send a case to another grid
        complete(r, "liangxue", Map.of("handlingOutcome", "RETURN", "handlingNote", "应由网格先协调"));
        complete(r, "chenxiaoyan", Map.of("redispatchTarget", "GRID", "redispatchGridCode", "SFZ-C01-G02",
                "redispatchNote", "改派第二网格"));
        assertThat(candidateGroups(task(r))).containsExactly("area-SFZ-C01-G02");
        assertThat(file(r).getGridCode()).isEqualTo("SFZ-C01-G02");
    }

    @Test
    void dispatcherCorrectsAWrongRouteWhileTheCaseIsHandled() {
        Started r = dispatched("SANITATION");
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> commands.redispatch(staff("chenxiaoyan"),
                r.trackingNumber(), "SFZ-C01-G02", "HOUSING", "两个都填"))).hasMessageContaining("改派信息有误");
        tx.executeWithoutResult(s -> commands.redispatch(staff("chenxiaoyan"), r.trackingNumber(),
                "SFZ-C01-G03", null, "地址在第三网格"));
        assertThat(r.process()).hasPassed("ApplyRedispatch").isWaitingAt(RequestProcess.TASK_HANDLE);
        assertThat(candidateGroups(task(r))).containsExactly("area-SFZ-C01-G03");
        assertThat(file(r).getGridCode()).isEqualTo("SFZ-C01-G03");
        assertThat(events(r)).contains(CaseEventType.REDISPATCHED);
    }

    @Test
    void gridTransfersToTheDepartmentWhenItCannotSettleTheMatter() {
        Started r = start("SANITATION", EAST_LAKE_GRID_1);
        complete(r, "zhangwei", Map.of("verifyOutcome", "VALID", "verifyNote", "属实"));
        complete(r, "zhangwei", Map.of("handlingOutcome", "TRANSFER", "handlingNote", "需执法局清理建筑垃圾"));
        assertThat(r.process()).hasPassed("TransferToDepartment").isWaitingAt(RequestProcess.TASK_HANDLE);
        assertThat(candidateGroups(task(r))).containsExactly("dept-URBAN_MGMT");
        assertThat(outbox(r, "TASK_ASSIGNED")).contains("EMAIL");
    }

    // ---------------------------------------------------------------- deadlines, lights, escalation

    @Test
    void yellowLightRemindsTheHandlerAndTheCaseStaysWithHim() {
        Started r = dispatched("SANITATION");
        CaseFile file = file(r);
        // ORDINARY: 5 working days, yellow at 75 % of them, i.e. after 3 working days at the same time of day
        java.time.ZonedDateTime registered = now.atZone(java.time.ZoneId.of("Asia/Shanghai"));
        assertThat(file.getHandlingDueAt()).isCloseTo(calendar.addWorkingDays(registered, 5).toInstant(),
                org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MILLIS));
        assertThat(file.getYellowAt()).isCloseTo(calendar.addWorkingDays(registered, 3).toInstant(),
                org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MILLIS));
        assertThat(file.lightAt(now)).isEqualTo(Light.GREEN);

        moveTo(file.getYellowAt().plusSeconds(60));
        runDueJobs(r);

        assertThat(file(r).lightAt(Cases.now())).isEqualTo(Light.YELLOW);
        assertThat(events(r)).contains(CaseEventType.REMINDED);
        assertThat(outbox(r, "TASK_REMINDER")).contains("EMAIL");
        assertThat(r.process()).isWaitingAt(RequestProcess.TASK_HANDLE);
    }

    @Test
    void overdueRequestClimbsEachLevelThenGoesToLeaderSignoff() {
        Started r = dispatched("SANITATION");

        // due: level 1, the grid leader of the grid
        moveTo(file(r).getHandlingDueAt().plusSeconds(60));
        runDueJobs(r);
        assertThat(file(r).lightAt(Cases.now())).isEqualTo(Light.RED);
        Task push1 = pushTask(r);
        assertThat(candidateGroups(push1)).containsExactly("grid-leaders-SFZ-C01-G01");
        assertThat(file(r).getEscalationLevel()).isEqualTo(1);
        // the grid leader pushes, then the next step comes
        taskService.claim(push1.getId(), "maxiuying");
        taskService.complete(push1.getId(), Map.of(PUSH_NOTE, "已电话督促网格员今日办结"));
        moveTo(Cases.now().plus(Duration.ofHours(25)));
        runDueJobs(r);

        // level 2: the community
        Task push2 = pushTask(r);
        assertThat(candidateGroups(push2)).containsExactly("area-SFZ-C01");
        assertThat(file(r).getEscalationLevel()).isEqualTo(2);

        // nobody pushes at level 2: the step times out, level 3, the town
        moveTo(Cases.now().plus(Duration.ofHours(25)));
        runDueJobs(r);
        assertThat(candidateGroups(pushTask(r))).containsExactly("area-SFZ");
        assertThat(file(r).getEscalationLevel()).isEqualTo(3);

        // past the top of the ladder: the town's leaders sign off
        moveTo(Cases.now().plus(Duration.ofHours(25)));
        runDueJobs(r);
        ProcessInstance signoff = signoff(r);
        assertThat(signoff).isWaitingAt(SignoffProcess.TASK_SIGN_OFF);
        Task signTask = taskService.createTaskQuery().processInstanceId(signoff.getId()).singleResult();
        assertThat(candidateGroups(signTask)).containsExactly("leaders-SFZ");
        assertThat(file(r).getStatus()).isEqualTo(CaseStatus.SIGNOFF);
        assertThat(outbox(r, "SIGNOFF_REQUESTED")).contains("EMAIL");

        // the leader assigns another department with a new limit
        taskService.claim(signTask.getId(), "lizhenhua");
        taskService.complete(signTask.getId(), Map.of(SIGNOFF_DECISION, "ASSIGN_DEPARTMENT",
                SIGNOFF_DEPARTMENT, "HOUSING", SIGNOFF_LIMIT_DAYS, 3L, SIGNOFF_NOTE, "住建局三日内办结"));
        assertThat(signoff).isEnded().hasPassed("ApplySignoff");
        assertThat(r.process()).isWaitingAt(RequestProcess.TASK_HANDLE);
        assertThat(candidateGroups(task(r))).containsExactly("dept-HOUSING");
        CaseFile after = file(r);
        assertThat(after.getStatus()).isEqualTo(CaseStatus.HANDLING);
        assertThat(after.getEscalationLevel()).isZero();
        assertThat(after.lightAt(Cases.now())).isEqualTo(Light.GREEN);
        assertThat(events(r)).contains(CaseEventType.ESCALATED, CaseEventType.PUSHED,
                CaseEventType.SIGNOFF_REQUESTED, CaseEventType.SIGNED_OFF);
    }

    @Test
    void handlerAsksForSignoffAndTheLeaderClosesItAsUnresolvable() {
        Started r = dispatched("SANITATION");
        complete(r, "zhangwei", Map.of("handlingOutcome", "SIGNOFF", "handlingNote", "涉及历史遗留产权问题"));
        ProcessInstance signoff = signoff(r);
        assertThat(runtimeService.getVariable(signoff.getId(), SIGNOFF_REASON)).asString()
                .contains("涉及历史遗留产权问题");
        Task signTaskOfLeader = taskService.createTaskQuery().processInstanceId(signoff.getId()).singleResult();
        assertThat((String) taskService.getVariableLocal(signTaskOfLeader.getId(), CASE_STORY))
                .contains("属实", "涉及历史遗留产权问题", "提请领导签批");
        // the form shows where the case is even when only coordinates were given, and the registry's departments
        assertThat(runtimeService.getVariable(signoff.getId(), ADDRESS)).asString().isEqualTo("未填写地址，按定位点确定位置");
        assertThat(((org.camunda.bpm.engine.variable.value.ObjectValue) runtimeService.getVariableTyped(
                signoff.getId(), DEPARTMENT_OPTIONS, false)).getValueSerialized())
                .contains("{\"label\":\"住房和城乡建设局\",\"value\":\"HOUSING\"}");
        Task signTask = taskService.createTaskQuery().processInstanceId(signoff.getId()).singleResult();
        taskService.claim(signTask.getId(), "wangjianjun");
        taskService.complete(signTask.getId(), Map.of(SIGNOFF_DECISION, "CLOSE_UNRESOLVABLE",
                SIGNOFF_NOTE, "超出镇级权限，已向诉求人解释"));
        assertThat(signoff).isEnded().hasPassed("CloseUnresolvable");
        assertThat(r.process()).isEnded().hasPassed("ClosedBySignoff");
        assertNothingLeftBehind(r);
        assertThat(file(r).getStatus()).isEqualTo(CaseStatus.UNRESOLVABLE);
    }

    @Test
    void leaderMergesAHardCaseIntoAnEarlierOne() {
        Started first = start("SANITATION", EAST_LAKE_GRID_1);
        Started r = dispatched("SANITATION");
        complete(r, "zhangwei", Map.of("handlingOutcome", "SIGNOFF", "handlingNote", "与在办件重复"));
        String signoffId = signoff(r).getId();
        Task signTask = taskService.createTaskQuery().processInstanceId(signoffId).singleResult();
        assertThatThrownBy(() -> taskService.complete(signTask.getId(), Map.of(SIGNOFF_DECISION, "MERGE",
                SIGNOFF_NOTE, "合并"))).hasMessageContaining("合并到的案件编号不存在");
        taskService.complete(signTask.getId(), Map.of(SIGNOFF_DECISION, "MERGE", DUPLICATE_OF,
                first.trackingNumber(), SIGNOFF_NOTE, "并入前件一并办理"));
        assertThat(r.process()).isEnded().hasPassed("ClosedBySignoff");
        assertThat(historyService.createHistoricActivityInstanceQuery().activityId("MergeAfterSignoff")
                .processInstanceId(signoffId).count()).isOne();
        assertNothingLeftBehind(r);
        assertThat(file(r).getMergedInto()).isEqualTo(first.trackingNumber());
    }

    // ---------------------------------------------------------------- every limit has a timer

    @Test
    void aPassedResponseLimitIsReportedToTheGridAndItsLeaderAndTheTaskStaysOpen() {
        Started r = start("SANITATION", EAST_LAKE_GRID_1);
        assertThat(task(r).getDueDate()).isEqualTo(Date.from(file(r).getResponseDueAt()));

        moveTo(file(r).getResponseDueAt().plusSeconds(60));
        runDueJobs(r);

        assertThat(r.process()).hasPassed("VerifyOverdue").isWaitingAt(RequestProcess.TASK_VERIFY);
        assertThat(events(r)).contains(CaseEventType.OVERDUE);
        assertThat(recipients(r, "TASK_REMINDER")).contains("zhangwei@demo.gridcase.org");
        assertThat(recipients(r, "ESCALATED")).contains("maxiuying@demo.gridcase.org");
    }

    @Test
    void aPassedRedispatchLimitIsReportedAndTheDispatchersStillHoldTheCase() {
        Started r = start("STREET_LIGHT", EAST_LAKE_GRID_1);
        complete(r, "chenxiaoyan", Map.of("verifyOutcome", "VALID", "verifyNote", "属实"));
        complete(r, "luojun", Map.of("handlingOutcome", "RETURN", "handlingNote", "不归本局管理"));

        moveTo(now.plus(Duration.ofHours(4)).plusSeconds(60));
        runDueJobs(r);

        assertThat(r.process()).hasPassed("RedispatchOverdue").isWaitingAt(RequestProcess.TASK_REDISPATCH);
        assertThat(events(r)).contains(CaseEventType.OVERDUE);
    }

    @Test
    void aPassedSignoffLimitRemindsTheLeadersAndTheSignoffStaysOpen() {
        Started r = dispatched("SANITATION");
        complete(r, "zhangwei", Map.of("handlingOutcome", "SIGNOFF", "handlingNote", "疑难"));
        ProcessInstance signoff = signoff(r);
        Task signTask = taskService.createTaskQuery().processInstanceId(signoff.getId()).singleResult();

        moveTo(signTask.getDueDate().toInstant().plusSeconds(60));
        runDueJobs(r);

        assertThat(signoff).hasPassed("RemindSignoff").isWaitingAt(SignoffProcess.TASK_SIGN_OFF);
        assertThat(recipients(r, "SIGNOFF_REQUESTED")).contains("lizhenhua@demo.gridcase.org");
        assertThat(jdbc.queryForObject("select count(*) from notification where case_ref = ? and template = ?",
                Integer.class, r.trackingNumber(), "SIGNOFF_REQUESTED")).isGreaterThanOrEqualTo(4);
    }

    private List<String> recipients(Started r, String template) {
        return jdbc.queryForList("select recipient from notification where case_ref = ? and template = ?",
                String.class, r.trackingNumber(), template);
    }

    // ---------------------------------------------------------------- the ladder stops when the case moves on

    @ParameterizedTest(name = "resolved at ladder level {0}, reopened, closed")
    @ValueSource(ints = {0, 1, 2, 3})
    void aCaseResolvedAtAnyLadderLevelStopsItsLadderAndCanBeReopenedAndClosed(int level) {
        // Given a request that has climbed to the level (0: never late)
        Started r = dispatched("SANITATION");
        climbTo(r, level);

        // When the handler resolves it
        complete(r, "zhangwei", Map.of("handlingOutcome", "RESOLVED", "handlingNote", "已清运"));

        // Then the ladder is gone (its push task and timers with it), the case is in the survey
        assertLadderStopped(r, level);

        // and an unsatisfied reporter reopens it: green again, level 0, a fresh ladder
        survey.answer(token(r), "UNSATISFIED", "NO", "还有垃圾");
        assertThat(r.process()).isWaitingAt(RequestProcess.TASK_HANDLE);
        assertThat(file(r).getEscalationLevel()).isZero();
        assertThat(file(r).lightAt(Cases.now())).isEqualTo(Light.GREEN);
        assertThat(pushTask(r)).isNull();
        assertThat(clocks(r)).isEqualTo(1);
        // the reopened task starts empty and tells why the reporter was not satisfied
        Task again = task(r);
        assertThat(taskService.getVariable(again.getId(), RequestProcess.HANDLING_OUTCOME)).isNull();
        assertThat(taskService.getVariable(again.getId(), RequestProcess.HANDLING_NOTE)).isNull();
        assertThat((String) taskService.getVariableLocal(again.getId(), CASE_STORY)).contains("还有垃圾", "已清运");

        // and the second handling closes it, nothing left behind
        complete(r, "zhangwei", Map.of("handlingOutcome", "RESOLVED", "handlingNote", "已彻底清理"));
        answerSurveyAndClose(r);
    }

    @ParameterizedTest(name = "supervised, resolved at ladder level {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void aSupervisedCaseResolvedOnTheLadderClosesWithItsSupervisionOrderEnded(int level) {
        // Given a supervised request with a deadline, late and on the ladder
        Started r = dispatched("SANITATION");
        String deadline = now.plus(Duration.ofDays(20)).atOffset(java.time.ZoneOffset.ofHours(8)).toString();
        tx.executeWithoutResult(s -> commands.supervise(staff("lizhenhua"), r.trackingNumber(), "限期办结", deadline));
        climbTo(r, level);
        // every task of the case carries the flag the 督办 filter reads, the push task of the ladder too
        for (Task open : taskService.createTaskQuery().processInstanceBusinessKey(r.trackingNumber()).list()) {
            assertThat(taskService.getVariableLocal(open.getId(), SUPERVISED)).as(open.getName()).isEqualTo(true);
            assertThat(open.getPriority()).isEqualTo(SUPERVISED_PRIORITY);
        }
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(r.trackingNumber()).count())
                .isEqualTo(level == 0 ? 1 : 2);

        // When the handler resolves it
        complete(r, "zhangwei", Map.of("handlingOutcome", "RESOLVED", "handlingNote", "已清运"));

        // Then the case goes to the survey and closes; the supervision order ends with the case
        assertLadderStopped(r, level);
        answerSurveyAndClose(r);
    }

    static Stream<Arguments> decisionGateways() {
        return Stream.of(
                Arguments.of("request", "InstantGateway", Map.of(FIRST_HANDLER, "PHONE"),
                        Map.of(FIRST_HANDLER, "HOTLINE")),
                Arguments.of("request", "VerifyOutcome", Map.of(RequestProcess.VERIFY_OUTCOME, "MAYBE"),
                        Map.of(RequestProcess.VERIFY_OUTCOME, "INVALID", RequestProcess.VERIFY_NOTE, "不属实")),
                Arguments.of("request", "HandlingOutcome", Map.of(RequestProcess.HANDLING_OUTCOME, "LATER"),
                        Map.of(RequestProcess.HANDLING_OUTCOME, "RESOLVED", RequestProcess.HANDLING_NOTE, "已办")),
                Arguments.of("request", "SurveyOutcome", Map.of(SATISFACTION, "MEH"), Map.of(SATISFACTION, "SATISFIED")),
                Arguments.of("request", "SignoffDecision", Map.of(SIGNOFF_DECISION, "POSTPONE"),
                        Map.of(SIGNOFF_DECISION, "NEW_LIMIT")),
                Arguments.of(SignoffProcess.PROCESS_ID, "SignoffDecision", Map.of(SIGNOFF_DECISION, "POSTPONE"),
                        Map.of(SIGNOFF_DECISION, "NEW_LIMIT")),
                Arguments.of(ClockProcess.PROCESS_ID, "StartLevel", Map.of(ESCALATION_LEVEL, -1),
                        Map.of(ESCALATION_LEVEL, 0)),
                Arguments.of(ClockProcess.PROCESS_ID, "LadderTop", Map.of(ESCALATION_LEVEL, -1),
                        Map.of(ESCALATION_LEVEL, 9)));
    }

    @ParameterizedTest(name = "{1} of {0}")
    @MethodSource("decisionGateways")
    void anUnexpectedValueAtAGatewayIsAnIncidentUntilCorrectedThenTheGatewayDecidesAgain(String process,
            String gateway, Map<String, Object> unexpected, Map<String, Object> corrected) {
        // Given a case whose variable holds a value the gateway does not know
        Started r = dispatched("SANITATION");
        if (process.equals(SignoffProcess.PROCESS_ID)) {
            complete(r, "zhangwei", Map.of("handlingOutcome", "SIGNOFF", "handlingNote", "疑难"));
        }
        String instance = process.equals(RequestProcess.PROCESS_ID) ? r.process().getId()
                : runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(r.trackingNumber())
                        .processDefinitionKey(process).singleResult().getId();
        long decided = historyService.createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId(gateway).count();
        runtimeService.setVariables(instance, unexpected);
        runtimeService.createProcessInstanceModification(instance).startBeforeActivity(gateway).execute();

        // When the engine runs the gateway's default flow: the check fails, an operator sees an incident
        Job check = managementService.createJobQuery().processInstanceId(instance)
                .activityId(gateway + "Unexpected").singleResult();
        managementService.setJobRetries(check.getId(), 1);
        String value = unexpected.values().iterator().next().toString();
        assertThatThrownBy(() -> managementService.executeJob(check.getId())).hasMessageContaining(value);
        assertThat(runtimeService.createIncidentQuery().processInstanceId(instance)
                .activityId(gateway + "Unexpected").count()).isEqualTo(1);
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId(gateway).count()).as("decisions taken").isEqualTo(decided + 1);

        // Then, once the operator corrects the variable and retries, the gateway decides again
        runtimeService.setVariables(instance, corrected);
        managementService.setJobRetries(check.getId(), 1);
        managementService.executeJob(check.getId());
        assertThat(runtimeService.createIncidentQuery().processInstanceId(instance).count()).isZero();
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId(gateway).count()).isEqualTo(decided + 2);
        if (!file(r).getStatus().finished()) {
            tx.executeWithoutResult(s -> commands.withdraw(staff("chenxiaoyan"), r.trackingNumber(), "测试结束"));
        }
        assertNothingLeftBehind(r);
    }

    @Test
    void aCaseThatComesBackAtALadderLevelIsPushedAtThatLevelAtOnce() {
        // Given a case whose kind sends it back to handling one level higher (risk re-inspection does)
        Started r = dispatched("SANITATION");
        Map<String, Object> variables = new HashMap<>(runtimeService.getVariables(r.process().getId()));
        variables.put(ESCALATION_LEVEL, 2);

        // When the lights and ladder start for it
        ProcessInstance clock = runtimeService.startProcessInstanceByKey(ClockProcess.PROCESS_ID, r.trackingNumber(),
                variables);

        // Then the community is told and pushes at once, before any light
        assertThat(clock).hasPassed("AnnounceLevel").isWaitingAt(ClockProcess.TASK_PUSH);
        Task push = taskService.createTaskQuery().processInstanceId(clock.getId()).singleResult();
        assertThat(candidateGroups(push)).containsExactly("area-SFZ-C01");
        assertThat(file(r).getEscalationLevel()).isEqualTo(2);
        runtimeService.deleteProcessInstance(clock.getId(), "test");
    }

    @Test
    void aProcessOwnerRehearsesTheWholeLadderInMinutesByEditingTheTable() throws Exception {
        // Given a test server whose case-sla.dmn counts in minutes
        String table = new String(getClass().getResourceAsStream("/processes/case-sla.dmn").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8)
                .replace("&quot;5 WORKING_DAYS&quot;", "&quot;20 MINUTES&quot;")
                .replace("&quot;1 WORKING_DAYS&quot;", "&quot;10 MINUTES&quot;")
                .replace("&quot;24 HOURS&quot;", "&quot;5 MINUTES&quot;");
        String deployment = engine.getRepositoryService().createDeployment().name("rehearsal")
                .addString("case-sla.dmn", table).deploy().getId();
        try {
            Started r = dispatched("SANITATION");
            assertThat(file(r).getHandlingDueAt()).isEqualTo(now.plus(Duration.ofMinutes(20)));

            // When 35 minutes pass
            for (int minute = 1; minute <= 35; minute++) {
                moveTo(now.plus(Duration.ofMinutes(minute)).plusSeconds(1));
                runDueJobs(r);
            }

            // Then the case climbed the three levels, five minutes apart, and went to the town's leaders
            assertThat(events(r).stream().filter(CaseEventType.ESCALATED::equals).count()).isEqualTo(3);
            assertThat(signoff(r)).isWaitingAt(SignoffProcess.TASK_SIGN_OFF);
            assertThat(pushTask(r)).isNull();
            tx.executeWithoutResult(s -> commands.withdraw(staff("chenxiaoyan"), r.trackingNumber(), "演练结束"));
            assertNothingLeftBehind(r);
        } finally {
            engine.getRepositoryService().deleteDeployment(deployment, true);
        }
    }

    /** Lets the case go late and climb to {@code level}, each level's push task open and left undone. */
    private void climbTo(Started r, int level) {
        for (int l = 1; l <= level; l++) {
            moveTo(l == 1 ? file(r).getHandlingDueAt().plusSeconds(60) : Cases.now().plus(Duration.ofHours(25)));
            runDueJobs(r);
            assertThat(file(r).getEscalationLevel()).isEqualTo(l);
            assertThat(pushTask(r)).as("push task at level %s", l).isNotNull();
        }
    }

    private void assertLadderStopped(Started r, int level) {
        assertThat(pushTask(r)).isNull();
        assertThat(clocks(r)).as("running lights-and-ladder instances").isZero();
        assertThat(file(r).getStatus()).isEqualTo(CaseStatus.SURVEY);
        assertThat(survey(r)).isNotNull();
        if (level > 0) {
            assertThat(events(r)).contains(CaseEventType.LADDER_STOPPED);
        }
        // later steps of the ladder never come
        moveTo(Cases.now().plus(Duration.ofHours(2)));
        runDueJobs(r);
        assertThat(file(r).getEscalationLevel()).isEqualTo(level);
    }

    private void answerSurveyAndClose(Started r) {
        survey.answer(token(r), "SATISFIED", "YES", null);
        assertThat(r.process()).isEnded().hasPassed("CloseRequest");
        assertNothingLeftBehind(r);
        assertThat(file(r).getStatus()).isEqualTo(CaseStatus.CLOSED);
    }

    private long clocks(Started r) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(r.trackingNumber())
                .processDefinitionKey(ClockProcess.PROCESS_ID).count();
    }

    // ---------------------------------------------------------------- supervision and withdrawal

    @Test
    void supervisionOrderRaisesPriorityAndEscalatesWhenItsDeadlinePasses() {
        Started r = dispatched("SANITATION");
        String deadline = now.plus(Duration.ofHours(8)).atOffset(java.time.ZoneOffset.ofHours(8)).toString();
        tx.executeWithoutResult(s -> commands.supervise(staff("lizhenhua"), r.trackingNumber(),
                "群众反映强烈，限期办结", deadline));

        assertThat(task(r).getPriority()).isEqualTo(SUPERVISED_PRIORITY);
        assertThat(file(r).isSupervised()).isTrue();
        assertThat(outbox(r, "SUPERVISED")).contains("EMAIL");

        moveTo(now.plus(Duration.ofHours(9)));
        runDueJobs(r);
        assertThat(events(r)).contains(CaseEventType.SUPERVISED, CaseEventType.SUPERVISION_OVERDUE);
        assertThat(r.process()).isWaitingAt(RequestProcess.TASK_HANDLE);
    }

    @Test
    void supervisionOrderWithoutDeadlineTakesTheTablesLimit() {
        Started r = dispatched("SANITATION");
        tx.executeWithoutResult(s -> commands.supervise(staff("chenxiaoyan"), r.trackingNumber(), "请加快办理",
                null));
        // case-sla.dmn: an ordinary request's supervision limit is 3 working days
        CaseFile file = file(r);
        assertThat(file.isSupervised()).isTrue();
        assertThat(file.getSupervisionDueAt()).isEqualTo(calendar.plus(now.atZone(java.time.ZoneId.of("Asia/Shanghai")),
                3, org.gridcase.deadline.LimitUnit.WORKING_DAYS).toInstant());
        assertThat(taskService.getVariableLocal(task(r).getId(), SUPERVISED)).isEqualTo(true);
    }

    @Test
    void withdrawalEndsTheCaseWithTheReason() {
        Started r = dispatched("SANITATION");
        tx.executeWithoutResult(s -> commands.withdraw(staff("chenxiaoyan"), r.trackingNumber(),
                "诉求人表示已自行解决"));
        assertThat(r.process()).isEnded().hasPassed("WithdrawRequest");
        assertNothingLeftBehind(r);
        assertThat(file(r).getStatus()).isEqualTo(CaseStatus.WITHDRAWN);
        assertThat(file(r).getOutcomeNote()).isEqualTo("诉求人表示已自行解决");
    }

    // ---------------------------------------------------------------- callback survey

    @Test
    void unsatisfiedReporterReopensTheCaseUntilTheLimitThenLeadersSignOff() {
        Started r = dispatched("SANITATION");
        for (int round = 1; round <= 2; round++) {
            complete(r, "zhangwei", Map.of("handlingOutcome", "RESOLVED", "handlingNote", "第 " + round + " 次办理"));
            survey.answer(token(r), "UNSATISFIED", "NO", "没有解决");
            assertThat(r.process()).isWaitingAt(RequestProcess.TASK_HANDLE);
            assertThat(file(r).getReopenCount()).isEqualTo(round);
        }
        complete(r, "zhangwei", Map.of("handlingOutcome", "RESOLVED", "handlingNote", "第 3 次办理"));
        survey.answer(token(r), "UNSATISFIED", "NO", "还是没有解决");
        ProcessInstance signoff = signoff(r);
        assertThat(runtimeService.getVariable(signoff.getId(), SIGNOFF_REASON)).asString().contains("重新办理 2 次");
        assertThat(events(r)).contains(CaseEventType.REOPENED);
        assertThat(file(r).isReopened()).isTrue();
        assertThat(file(r).getSurveyResolved()).isEqualTo("NO");
    }

    @Test
    void unansweredSurveyCountsAsNotReachedAndNeverAsSatisfied() {
        Started r = dispatched("SANITATION");
        complete(r, "zhangwei", Map.of("handlingOutcome", "RESOLVED", "handlingNote", "已清运"));
        // the link expires: the hotline calls back
        moveTo(Cases.now().plus(Duration.ofHours(25)));
        runDueJobs(r);
        ProcessInstance callback = survey(r);
        assertThat(callback).isWaitingAt(SurveyProcess.TASK_PHONE);
        // the limits come from case-sla.dmn (ORDINARY: the link for 24 h, the phone callback 48 h after)
        Date linkDue = (Date) runtimeService.getVariable(callback.getId(), SURVEY_LINK_DUE_AT);
        Date phoneDue = (Date) runtimeService.getVariable(callback.getId(), PHONE_DUE_AT);
        assertThat(Duration.between(linkDue.toInstant(), phoneDue.toInstant())).isEqualTo(Duration.ofHours(48));
        // nobody answers the phone either
        moveTo(Cases.now().plus(Duration.ofHours(49)));
        runDueJobs(r);
        assertThat(r.process()).isEnded().hasPassed("CloseRequest");
        assertNothingLeftBehind(r);
        assertThat(file(r).getSatisfaction()).isEqualTo(SurveyService.NOT_REACHED);
        assertThat(file(r).getSurveyResolved()).isNull();
    }

    @Test
    void hotlineRecordsTheRatingTakenOnThePhone() {
        Started r = dispatched("SANITATION");
        complete(r, "zhangwei", Map.of("handlingOutcome", "RESOLVED", "handlingNote", "已清运"));
        moveTo(Cases.now().plus(Duration.ofHours(25)));
        runDueJobs(r);
        Task phone = taskService.createTaskQuery().processInstanceId(survey(r).getId()).singleResult();
        assertThat(candidateGroups(phone)).containsExactly("dispatchers");
        taskService.claim(phone.getId(), "liuting");
        assertThatThrownBy(() -> taskService.complete(phone.getId(), Map.of("reached", "YES")))
                .hasMessageContaining("满意度必须选择一项");
        taskService.complete(phone.getId(), Map.of("reached", "YES", "satisfactionAnswer", "BASICALLY_SATISFIED",
                "resolvedAnswer", "YES", SURVEY_COMMENT, "基本满意"));
        assertThat(r.process()).isEnded();
        assertNothingLeftBehind(r);
        assertThat(file(r).getSatisfaction()).isEqualTo("BASICALLY_SATISFIED");
    }

    // ---------------------------------------------------------------- helpers

    record Started(String trackingNumber, ProcessInstance process, CaseFile file) {
    }

    /** A demo staff member as the API's callers are: his login (the registry knows his roles and areas). */
    private static CaseAccess.Caller staff(String login) {
        return new CaseAccess.Caller(login, java.util.Set.of());
    }

    private Started start(String category, double[] point) {
        RequestIntake.Intake intakeResult = intake.submit(new RequestIntake.RequestInput(category, "测试诉求：" + category,
                "HOTLINE", "NORMAL", new RequestIntake.Location(point[0], point[1]), null, null,
                new RequestIntake.Reporter("刘桂芝", "13700000101", null), null), "chenxiaoyan");
        return new Started(intakeResult.file().getTrackingNumber(), intakeResult.process(), intakeResult.file());
    }

    /** A request of the grid, verified and dispatched, waiting at the handling task. */
    private Started dispatched(String category) {
        Started r = start(category, EAST_LAKE_GRID_1);
        complete(r, "zhangwei", Map.of("verifyOutcome", "VALID", "verifyNote", "属实"));
        assertThat(r.process()).isWaitingAt(RequestProcess.TASK_HANDLE);
        return r;
    }

    /**
     * After an end state: no running instance of the case (main, lights and ladder, supervision, sign-off, survey),
     * no open task, no job, no event subscription left.
     */
    private void assertNothingLeftBehind(Started r) {
        instances().assertNothingLeftBehind(r.trackingNumber());
        assertThat(file(r).getStatus().finished()).as("case status").isTrue();
    }

    private Task task(Started r) {
        return taskService.createTaskQuery().processInstanceId(r.process().getId()).singleResult();
    }

    /** The open 督促办理 task: it lives in the case's lights-and-ladder instance ({@code case-clock}). */
    private Task pushTask(Started r) {
        return taskService.createTaskQuery().processInstanceBusinessKey(r.trackingNumber())
                .taskDefinitionKey(ClockProcess.TASK_PUSH).singleResult();
    }

    private void complete(Started r, String user, Map<String, Object> variables) {
        Task task = task(r);
        if (task.getAssignee() == null) {
            taskService.claim(task.getId(), user);
        }
        taskService.complete(task.getId(), new HashMap<>(variables));
    }

    private ProcessInstance signoff(Started r) {
        return runtimeService.createProcessInstanceQuery().superProcessInstanceId(r.process().getId())
                .processDefinitionKey(SignoffProcess.PROCESS_ID).singleResult();
    }

    private ProcessInstance survey(Started r) {
        return runtimeService.createProcessInstanceQuery().superProcessInstanceId(r.process().getId())
                .processDefinitionKey(SurveyProcess.PROCESS_ID).singleResult();
    }

    private CaseFile file(Started r) {
        return cases.find(r.trackingNumber()).orElseThrow();
    }

    private List<CaseEventType> events(Started r) {
        return tx.execute(s -> cases.timeline(file(r)).stream().map(CaseEvent::getType).toList());
    }

    private List<String> outbox(Started r, String template) {
        return jdbc.queryForList("select channel from notification where case_ref = ? and template = ?",
                String.class, r.trackingNumber(), template);
    }

    private String token(Started r) {
        return jdbc.queryForObject("select token from survey_token where tracking_number = ? and answered_at is null"
                + " order by created_at desc limit 1", String.class, r.trackingNumber());
    }

    private static List<String> candidateGroups(Task task) {
        return groupsOf(task.getId());
    }

    private static List<String> groupsOf(String taskId) {
        List<String> groups = new ArrayList<>();
        for (IdentityLink link : org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService()
                .getIdentityLinksForTask(taskId)) {
            if ("candidate".equals(link.getType()) && link.getGroupId() != null) {
                groups.add(link.getGroupId());
            }
        }
        return groups;
    }

    private void moveTo(Instant instant) {
        CaseInstances.moveTo(instant);
    }

    private void runDueJobs(Started r) {
        instances().runDueJobs(r.trackingNumber());
    }

    private CaseInstances instances() {
        return new CaseInstances(engine);
    }
}

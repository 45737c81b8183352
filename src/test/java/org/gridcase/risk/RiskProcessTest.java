package org.gridcase.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.gridcase.casefile.CaseVariables.*;
import static org.gridcase.risk.RiskProcess.*;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
import org.gridcase.casefile.CaseStarts;
import org.gridcase.casefile.CaseStatus;
import org.gridcase.casefile.Cases;
import org.gridcase.casefile.Light;
import org.gridcase.escalation.ClockProcess;
import org.gridcase.escalation.SignoffProcess;
import org.gridcase.escalation.SupervisionProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
 * Every path of {@code risk-report.bpmn} on the real engine with the demo town and the shared blocks it calls
 * (lights and ladder, leader sign-off, supervision). The job executor is off: timers and asynchronous steps run when
 * a test moves the engine clock ({@link ClockUtil}) and executes the due jobs. After every end state nothing of the
 * case is left: no instance (its own or a called one), task, job or subscription. Process test coverage of
 * {@code risk-report.bpmn} is reported to target/process-test-coverage and must reach 95 %.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:risk-process;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        "gridcase.notify.poll-millis=3600000",
        // coverage starts with the first test: no process may run while the context starts
        "gridcase.demo.sample-tasks=false"})
@Import({RiskProcessTest.Coverage.class, ProcessEngineCoverageConfiguration.class})
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class RiskProcessTest {

    /** Inside grid 1 of 东湖社区. */
    static final double[] EAST_LAKE_GRID_1 = {41.1035, 122.0060};
    static final String GRID = "SFZ-C01-G01";
    static final String GRID_WORKER = "zhangwei";
    static final String GRID_LEADER = "maxiuying";
    static final List<String> TOWN_LEADERS = List.of("lizhenhua", "wangjianjun");

    /**
     * The coverage gate is risk-report.bpmn's own: the shared blocks have their tests in the request kind. Primary:
     * ProcessEngineCoverageConfiguration registers its default properties too (its @ConditionalOnMissingBean is
     * evaluated before this class), and with two beans the listener silently falls back to the defaults: no
     * exclusions, no gate.
     */
    @TestConfiguration
    static class Coverage {
        @Bean
        @Primary
        ProcessEngineCoverageProperties coverageProperties() {
            return new ProcessEngineCoverageProperties.Builder()
                    .excludeProcessDefinitionKeys("verify-building", "request", "callback-survey",
                            ClockProcess.PROCESS_ID, SupervisionProcess.PROCESS_ID, SignoffProcess.PROCESS_ID)
                    .assertClassCoverageAtLeast(0.95)
                    .build();
        }
    }

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired HistoryService historyService;
    @Autowired RiskIntake intake;
    @Autowired RiskReports reports;
    @Autowired CaseCommands commands;
    @Autowired Cases cases;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate tx;

    Instant now;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ClockUtil.setCurrentTime(Date.from(now));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    // ---------------------------------------------------------------- verification

    @Test
    void anUnfoundedReportIsRejectedWithTheGridLeadersReason() {
        // Given a reported hazard waiting for the grid leader of its grid
        Started r = start("FIRE");
        assertThat(r.process()).isWaitingAt(TASK_VERIFY);
        assertThat(candidateGroups(task(r, TASK_VERIFY))).containsExactly("grid-leaders-" + GRID);
        assertThat(task(r, TASK_VERIFY).getDueDate()).isEqualTo(Date.from(now.plus(Duration.ofHours(2))));

        // When he finds nothing on site
        complete(r, TASK_VERIFY, GRID_LEADER, Map.of(VERIFY_OUTCOME, UNFOUNDED, VERIFY_NOTE, "现场为正常施工，非隐患"));

        // Then the case is rejected with his reason, and nothing is left of it
        assertThat(r.process()).isEnded().hasPassed("RejectRisk");
        assertNothingLeftBehind(r);
        assertThat(file(r).getStatus()).isEqualTo(CaseStatus.REJECTED);
        assertThat(file(r).getOutcomeNote()).isEqualTo("现场为正常施工，非隐患");
        assertThat(events(r)).containsExactly(CaseEventType.REGISTERED, CaseEventType.VERIFIED,
                CaseEventType.REJECTED);
    }

    @Test
    void theServerRefusesAnIncompleteFormAndTheTaskStaysOpen() {
        Started r = start("FIRE");
        Task verify = task(r, TASK_VERIFY);
        // no note; a confirmed finding needs a severity and a number of people
        assertThatThrownBy(() -> taskService.complete(verify.getId(), Map.of(VERIFY_OUTCOME, CONFIRMED)))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("核实情况必填");
        assertThatThrownBy(() -> taskService.complete(verify.getId(), Map.of(VERIFY_OUTCOME, CONFIRMED,
                VERIFY_NOTE, "属实", SEVERITY, "HUGE", PEOPLE_AFFECTED, -3L)))
                .hasMessageContaining("现场严重程度必须选择一项").hasMessageContaining("影响人数应为 0 到");
        assertThat(r.process()).isWaitingAt(TASK_VERIFY);

        verify(r, "MEDIUM", 5, false);
        assertThatThrownBy(() -> taskService.complete(task(r, TASK_DISPOSE).getId(), Map.of(MEASURES, " ")))
                .hasMessageContaining("处置措施必填");
        dispose(r, GRID_WORKER);
        reinspectionDue(r);
        assertThatThrownBy(() -> taskService.complete(task(r, TASK_REINSPECT).getId(),
                Map.of(REINSPECT_OUTCOME, "MAYBE", REINSPECT_NOTE, "看不清"))).hasMessageContaining("复查结果必须选择一项");
        withdraw(r);
    }

    @Test
    void aVerificationNotDoneInTimeIsReportedAndTheTaskStaysWithTheGridLeader() {
        // Given a report nobody verifies
        Started r = start("GAS");

        // When the verification limit (case-sla.dmn, RISK: 2 hours) passes
        moveTo(now.plus(Duration.ofHours(2)).plusSeconds(60));
        runDueJobs(r);

        // Then the grid leaders are reminded, the timeline says so, and the task is still his
        assertThat(r.process()).hasPassed("VerifyOverdue").isWaitingAt(TASK_VERIFY);
        assertThat(events(r)).contains(CaseEventType.OVERDUE);
        assertThat(outbox(r, "TASK_REMINDER")).isNotEmpty();
        withdraw(r);
    }

    // ---------------------------------------------------------------- grading, disposal, re-inspection

    @ParameterizedTest(name = "{0} {1} {2} people: level {3}")
    @CsvSource({"FIRE, MEDIUM, 5, III", "TRAFFIC, LOW, 2, IV"})
    void aMinorHazardIsDisposedByTheGridReinspectedAndClosedWithItsMeasures(String type, String severity,
            long people, String level) {
        // Given a hazard the grid leader confirms as minor
        Started r = start(type);
        verify(r, severity, people, false);

        // Then it is graded, goes to the grid without a direct report to the leaders, within the grade's limit
        assertThat(runtimeService.getVariable(r.process().getId(), RISK_LEVEL)).isEqualTo(level);
        assertThat(r.process()).hasPassed("GradeRisk", "RouteRisk", "DispatchRisk").hasNotPassed("ReportToLeaders");
        assertThat(tasks(r, TASK_INSTRUCT)).isEmpty();
        Task dispose = task(r, TASK_DISPOSE);
        assertThat(candidateGroups(dispose)).containsExactly("area-" + GRID);
        assertThat(dispose.getDueDate()).isEqualTo(Date.from(file(r).getHandlingDueAt()));
        assertThat(file(r).getStatus()).isEqualTo(CaseStatus.HANDLING);
        assertThat(file(r).lightAt(Cases.now())).isEqualTo(Light.GREEN);
        assertThat(report(r).getLevel()).isEqualTo(RiskLevel.valueOf(level));
        assertThat(outbox(r, "TASK_ASSIGNED")).isNotEmpty();

        // When the grid disposes of it
        dispose(r, GRID_WORKER, "已清理楼道杂物，张贴消防通道警示");

        // Then it waits for the re-inspection, its light following the re-inspection
        assertThat(r.process()).isWaitingAt(WAIT_REINSPECTION);
        assertThat(file(r).getStatus()).isEqualTo(CaseStatus.REINSPECTING);
        assertThat(clocks(r)).isZero();
        Instant reinspectAt = report(r).getReinspectAt();
        assertThat(reinspectAt).isAfter(Cases.now());
        assertThat(file(r).getYellowAt()).isEqualTo(reinspectAt);

        // When the interval has passed, the grid worker re-inspects and finds it eliminated
        reinspectionDue(r);
        Task reinspect = task(r, TASK_REINSPECT);
        assertThat(candidateGroups(reinspect)).containsExactly("area-" + GRID);
        assertThat(reinspect.getDueDate()).isEqualTo(Date.from(file(r).getHandlingDueAt()));
        complete(r, TASK_REINSPECT, GRID_WORKER, Map.of(REINSPECT_OUTCOME, ELIMINATED, REINSPECT_NOTE, "通道畅通"));

        // Then it is closed with the measures taken, and nothing is left of it
        assertThat(r.process()).isEnded().hasPassed("CloseRisk");
        assertNothingLeftBehind(r);
        CaseFile closed = file(r);
        assertThat(closed.getStatus()).isEqualTo(CaseStatus.CLOSED);
        assertThat(closed.getOutcomeNote()).isEqualTo("已清理楼道杂物，张贴消防通道警示");
        assertThat(report(r).getMeasures()).isEqualTo("已清理楼道杂物，张贴消防通道警示");
        assertThat(report(r).getReinspections()).isOne();
        assertThat(events(r)).containsSubsequence(CaseEventType.REGISTERED, CaseEventType.VERIFIED,
                CaseEventType.GRADED, CaseEventType.ROUTED, CaseEventType.DISPATCHED, CaseEventType.HANDLED,
                CaseEventType.REINSPECTED, CaseEventType.CLOSED);
    }

    @ParameterizedTest(name = "{0} {1} {2} people: level {3}, disposed by {4}")
    @CsvSource({"FOOD_DRUG, HIGH, 5, II, MARKET, pengli", "TRAFFIC, CRITICAL, 3, I, TRAFFIC_POLICE, shenjie"})
    void aMajorHazardGoesStraightToBothTownLeadersWhoEachInstructWhileItIsDisposed(String type, String severity,
            long people, String level, String department, String handler) {
        // Given a hazard the grid leader confirms as major or serious
        Started r = start(type);
        verify(r, severity, people, false);

        // Then the town's secretary and mayor are told at once and each has a 领导批示 task with the grade's limit
        assertThat(runtimeService.getVariable(r.process().getId(), RISK_LEVEL)).isEqualTo(level);
        List<Task> instruct = tasks(r, TASK_INSTRUCT);
        assertThat(instruct).extracting(Task::getAssignee).containsExactlyInAnyOrderElementsOf(TOWN_LEADERS);
        Duration limit = level.equals("I") ? Duration.ofHours(2) : Duration.ofHours(4);
        instruct.forEach(t -> assertThat(t.getDueDate()).isEqualTo(Date.from(now.plus(limit))));
        assertThat(recipients(r, "SIGNOFF_REQUESTED")).containsExactlyInAnyOrderElementsOf(TOWN_LEADERS);
        assertThat(events(r)).contains(CaseEventType.INSTRUCTION_REQUESTED);
        // and the department disposes of it meanwhile (处置在早)
        assertThat(candidateGroups(task(r, TASK_DISPOSE))).containsExactly("dept-" + department);
        assertThat(file(r).getDepartmentCode()).isEqualTo(department);
        assertThat(r.process()).hasNotPassed(JOINT_ENFORCEMENT);

        // When both leaders instruct
        instruct(r, "lizhenhua", "请立即组织排查，确保群众安全");
        instruct(r, "wangjianjun", "相关部门今日内整改到位");

        // Then their instructions are on the timeline under their names
        assertThat(notes(r, CaseEventType.INSTRUCTED)).containsExactlyInAnyOrder("李振华批示：请立即组织排查，确保群众安全",
                "王建军批示：相关部门今日内整改到位");
        assertThat(report(r).getInstructions()).isEqualTo(2);

        // and the disposal, re-inspection and closing follow
        dispose(r, handler, "已责令停业整改");
        reinspectionDue(r);
        complete(r, TASK_REINSPECT, GRID_WORKER, Map.of(REINSPECT_OUTCOME, ELIMINATED, REINSPECT_NOTE, "整改到位"));
        assertThat(r.process()).isEnded().hasPassed("CloseJoin", "CloseRisk");
        assertNothingLeftBehind(r);
        assertThat(file(r).getStatus()).isEqualTo(CaseStatus.CLOSED);
    }

    @Test
    void aLeaderWhoDoesNotInstructInTimeIsRemindedAndTheCaseClosesOnlyWithEveryInstruction() {
        // Given a level II hazard whose leaders have 4 hours to instruct
        Started r = start("FIRE");
        verify(r, "HIGH", 8, false);
        assertThat(tasks(r, TASK_INSTRUCT)).hasSize(2);

        // When only one instructs and the limit passes
        instruct(r, "lizhenhua", "请消防部门立即处置");
        moveTo(now.plus(Duration.ofHours(4)).plusSeconds(60));
        runDueJobs(r);

        // Then the leaders are reminded, the timeline records it, and the other task stays open
        assertThat(r.process()).hasPassed("InstructOverdue");
        assertThat(notes(r, CaseEventType.OVERDUE)).anyMatch(n -> n.contains("批示时限"));
        assertThat(recipients(r, "TASK_REMINDER")).contains("wangjianjun");
        // a leader's late instruction is not pushed down to the grid leader
        assertThat(outbox(r, "ESCALATED")).isEmpty();
        assertThat(tasks(r, TASK_INSTRUCT)).extracting(Task::getAssignee).containsExactly("wangjianjun");

        // and the eliminated hazard waits for the last instruction before it is closed
        dispose(r, "dengchao", "已清除易燃物");
        reinspectionDue(r);
        complete(r, TASK_REINSPECT, GRID_WORKER, Map.of(REINSPECT_OUTCOME, ELIMINATED, REINSPECT_NOTE, "已消除"));
        assertThat(r.process()).isWaitingAt(TASK_INSTRUCT).hasNotPassed("CloseRisk");
        instruct(r, "wangjianjun", "同意，注意举一反三");
        assertThat(r.process()).isEnded().hasPassed("CloseRisk");
        assertNothingLeftBehind(r);
    }

    @Test
    void aMajorHazardNeedingSeveralDepartmentsIsRecordedForJointEnforcement() {
        // Given a fire hazard the grid leader finds critical
        Started r = start("FIRE");
        verify(r, "CRITICAL", 60, true);

        // Then it is level I, reported to the leaders, recorded for joint enforcement, disposed by emergency management
        assertThat(runtimeService.getVariable(r.process().getId(), RISK_LEVEL)).isEqualTo("I");
        assertThat(r.process()).hasPassed(JOINT_ENFORCEMENT);
        assertThat(report(r).isNeedsJoint()).isTrue();
        assertThat(report(r).getJointRequestedAt()).isNotNull();
        assertThat(notes(r, CaseEventType.ROUTED)).anyMatch(n -> n.contains("联合执法"));
        assertThat(candidateGroups(task(r, TASK_DISPOSE))).containsExactly("dept-EMERGENCY_MGMT");
        assertThat(tasks(r, TASK_INSTRUCT)).hasSize(2);
        withdraw(r);
    }

    // ---------------------------------------------------------------- the ladder

    @ParameterizedTest(name = "disposed at ladder level {0}")
    @ValueSource(ints = {0, 1, 2, 3})
    void aHazardDisposedAtAnyLadderLevelStopsItsLadderIsReinspectedAndClosed(int level) {
        // Given a level III hazard of the grid, late and climbed to the level (0: never late)
        Started r = graded("FIRE", "MEDIUM", 5);
        climbTo(r, level);

        // When the grid disposes of it
        dispose(r, GRID_WORKER);

        // Then the ladder is gone with its push task and timers, the re-inspection comes and closes it
        assertThat(pushTask(r)).isNull();
        assertThat(clocks(r)).isZero();
        if (level > 0) {
            assertThat(events(r)).contains(CaseEventType.LADDER_STOPPED);
        }
        assertThat(file(r).getStatus()).isEqualTo(CaseStatus.REINSPECTING);
        reinspectionDue(r);
        assertThat(file(r).getEscalationLevel()).isEqualTo(level);
        complete(r, TASK_REINSPECT, GRID_WORKER, Map.of(REINSPECT_OUTCOME, ELIMINATED, REINSPECT_NOTE, "已消除"));
        assertThat(r.process()).isEnded().hasPassed("CloseRisk");
        assertNothingLeftBehind(r);
    }

    @ParameterizedTest(name = "the leader decides {0}")
    @ValueSource(strings = {"ASSIGN_DEPARTMENT", "NEW_LIMIT", "MERGE", "CLOSE_UNRESOLVABLE"})
    void aHazardPastTheTopOfTheLadderGoesToTheTownLeadersSignoffAndFollowsTheirDecision(String decision) {
        // Given a level III hazard of the grid that climbed the whole ladder
        Started earlier = start("FIRE");
        Started r = graded("FIRE", "MEDIUM", 5);
        climbTo(r, 3);

        // When the top's step passes too
        moveTo(Cases.now().plus(Duration.ofHours(5)));
        runDueJobs(r);

        // Then the town's leaders sign it off, the disposal and the ladder are gone
        ProcessInstance signoff = signoff(r);
        assertThat(signoff).isWaitingAt(SignoffProcess.TASK_SIGN_OFF);
        assertThat(file(r).getStatus()).isEqualTo(CaseStatus.SIGNOFF);
        assertThat(tasks(r, TASK_DISPOSE)).isEmpty();
        assertThat(clocks(r)).isZero();
        assertThat((String) runtimeService.getVariable(r.process().getId(), SIGNOFF_REASON)).contains("仍未办结");
        Task sign = taskService.createTaskQuery().processInstanceId(signoff.getId()).singleResult();
        assertThat(candidateGroups(sign)).containsExactly("leaders-SFZ");
        taskService.claim(sign.getId(), "lizhenhua");
        Map<String, Object> form = new HashMap<>(Map.of(SIGNOFF_DECISION, decision, SIGNOFF_NOTE, "签批意见"));
        switch (decision) {
            case "ASSIGN_DEPARTMENT" -> form.putAll(Map.of(SIGNOFF_DEPARTMENT, "HOUSING", SIGNOFF_LIMIT_DAYS, 3L));
            case "NEW_LIMIT" -> form.put(SIGNOFF_LIMIT_DAYS, 2L);
            case "MERGE" -> form.put(DUPLICATE_OF, earlier.trackingNumber());
            default -> { }
        }
        taskService.complete(sign.getId(), form);

        switch (decision) {
            case "ASSIGN_DEPARTMENT", "NEW_LIMIT" -> {
                // back to disposal, green, on a fresh ladder: the department or the grid again
                assertThat(passedInSignoff(r, "ApplySignoff")).isTrue();
                assertThat(r.process()).isWaitingAt(TASK_DISPOSE);
                assertThat(candidateGroups(task(r, TASK_DISPOSE))).containsExactly(
                        decision.equals("NEW_LIMIT") ? "area-" + GRID : "dept-HOUSING");
                assertThat(file(r).getEscalationLevel()).isZero();
                assertThat(file(r).lightAt(Cases.now())).isEqualTo(Light.GREEN);
                assertThat(pushTask(r)).isNull();
                dispose(r, decision.equals("NEW_LIMIT") ? GRID_WORKER : "liangxue");
                reinspectionDue(r);
                complete(r, TASK_REINSPECT, GRID_WORKER, Map.of(REINSPECT_OUTCOME, ELIMINATED, REINSPECT_NOTE, "已消除"));
                assertThat(file(r).getStatus()).isEqualTo(CaseStatus.CLOSED);
            }
            case "MERGE" -> {
                assertThat(passedInSignoff(r, "MergeAfterSignoff")).isTrue();
                assertThat(r.process()).isEnded().hasPassed("ClosedBySignoff");
                assertThat(file(r).getMergedInto()).isEqualTo(earlier.trackingNumber());
            }
            default -> {
                assertThat(passedInSignoff(r, "CloseUnresolvable")).isTrue();
                assertThat(r.process()).isEnded().hasPassed("ClosedBySignoff");
                assertThat(file(r).getStatus()).isEqualTo(CaseStatus.UNRESOLVABLE);
            }
        }
        assertNothingLeftBehind(r);
        assertThat(events(r)).contains(CaseEventType.SIGNOFF_REQUESTED, CaseEventType.SIGNED_OFF);
        withdraw(earlier);
    }

    @Test
    void aHazardThatPersistsAtReinspectionGoesBackToDisposalOneLadderLevelHigher() {
        // Given a level III hazard disposed of in time (ladder level 0)
        Started r = graded("FIRE", "MEDIUM", 5);
        dispose(r, GRID_WORKER, "已清理部分杂物");
        reinspectionDue(r);

        // When the re-inspection finds it still there
        complete(r, TASK_REINSPECT, GRID_WORKER, Map.of(REINSPECT_OUTCOME, PERSISTS, REINSPECT_NOTE, "仍有杂物堵塞通道"));

        // Then it is back at disposal with a fresh limit, at level 1 at once: the grid leader pushes it
        assertThat(r.process()).hasPassed("RaiseDisposal").isWaitingAt(TASK_DISPOSE);
        assertThat(file(r).getStatus()).isEqualTo(CaseStatus.HANDLING);
        assertThat(file(r).getEscalationLevel()).isEqualTo(1);
        assertThat(file(r).getHandlingDueAt()).isAfter(Cases.now());
        assertThat(candidateGroups(pushTask(r))).containsExactly("grid-leaders-" + GRID);
        assertThat(events(r)).containsSubsequence(CaseEventType.REINSPECTED, CaseEventType.REOPENED,
                CaseEventType.DISPATCHED, CaseEventType.ESCALATED);
        // the rates count it as reopened (through the timeline, as for every kind)
        assertThat(file(r).isReopened()).isTrue();

        // and the second disposal, eliminated at re-inspection, closes it with both rounds' measures
        dispose(r, GRID_WORKER, "已全部清理");
        reinspectionDue(r);
        complete(r, TASK_REINSPECT, GRID_WORKER, Map.of(REINSPECT_OUTCOME, ELIMINATED, REINSPECT_NOTE, "已消除"));
        assertThat(r.process()).isEnded();
        assertNothingLeftBehind(r);
        assertThat(report(r).getMeasures()).isEqualTo("已清理部分杂物\n第 2 次处置：已全部清理");
        assertThat(report(r).getDisposalRounds()).isEqualTo(2);
    }

    @Test
    void aHazardThatPersistsAfterDisposalAtTheTopOfTheLadderGoesStraightToSignoff() {
        // Given a level III hazard disposed of at the top rung (the town)
        Started r = graded("FIRE", "MEDIUM", 5);
        climbTo(r, 3);
        dispose(r, GRID_WORKER);
        reinspectionDue(r);

        // When it persists, one level higher is past the top
        complete(r, TASK_REINSPECT, GRID_WORKER, Map.of(REINSPECT_OUTCOME, PERSISTS, REINSPECT_NOTE, "整改不到位"));

        // Then the town's leaders sign it off
        assertThat(signoff(r)).isWaitingAt(SignoffProcess.TASK_SIGN_OFF);
        assertThat(file(r).getStatus()).isEqualTo(CaseStatus.SIGNOFF);
        withdraw(r);
    }

    @Test
    void aReinspectionNotDoneInTimeIsReported() {
        Started r = graded("TRAFFIC", "LOW", 1);
        dispose(r, GRID_WORKER);
        reinspectionDue(r);
        moveTo(file(r).getHandlingDueAt().plusSeconds(60));
        runDueJobs(r);
        assertThat(r.process()).hasPassed("ReinspectOverdue").isWaitingAt(TASK_REINSPECT);
        assertThat(notes(r, CaseEventType.OVERDUE)).anyMatch(n -> n.contains("复查时限"));
        assertThat(file(r).lightAt(Cases.now())).isEqualTo(Light.RED);
        withdraw(r);
    }

    // ---------------------------------------------------------------- supervision, withdrawal, unexpected values

    @Test
    void aSupervisionOrderFlagsTheDisposalAndEndsWithTheCase() {
        // Given a hazard being disposed of
        Started r = graded("FIRE", "MEDIUM", 5);

        // When the town's leader supervises it with a deadline that then passes
        String deadline = now.plus(Duration.ofHours(8)).atOffset(ZoneOffset.ofHours(8)).toString();
        tx.executeWithoutResult(s -> commands.supervise(staff("lizhenhua"), r.trackingNumber(), "限期整改", deadline));
        assertThat(taskService.getVariableLocal(task(r, TASK_DISPOSE).getId(), SUPERVISED)).isEqualTo(true);
        assertThat(file(r).isSupervised()).isTrue();
        moveTo(now.plus(Duration.ofHours(9)));
        runDueJobs(r);
        assertThat(events(r)).contains(CaseEventType.SUPERVISED, CaseEventType.SUPERVISION_OVERDUE);

        // Then the supervised case still closes the usual way, its supervision instance ending with it
        dispose(r, GRID_WORKER);
        reinspectionDue(r);
        complete(r, TASK_REINSPECT, GRID_WORKER, Map.of(REINSPECT_OUTCOME, ELIMINATED, REINSPECT_NOTE, "已消除"));
        assertThat(r.process()).isEnded();
        assertNothingLeftBehind(r);
    }

    @Test
    void aWithdrawalEndsTheCaseWithEveryTaskOfIt() {
        // Given a level II hazard: two instruction tasks, the disposal and its ladder open
        Started r = start("FIRE");
        verify(r, "HIGH", 8, false);
        assertThat(tasks(r, TASK_INSTRUCT)).hasSize(2);
        assertThat(clocks(r)).isOne();

        // When the reporter withdraws it
        tx.executeWithoutResult(s -> commands.withdraw(staff(GRID_WORKER), r.trackingNumber(), "误报"));

        // Then it is withdrawn with the reason, and nothing is left of it
        assertThat(r.process()).isEnded().hasPassed("WithdrawRisk");
        assertNothingLeftBehind(r);
        assertThat(file(r).getStatus()).isEqualTo(CaseStatus.WITHDRAWN);
        assertThat(file(r).getOutcomeNote()).isEqualTo("误报");
    }

    /**
     * Each gateway's default path: the case is placed where the gateway's variables make sense (graded: a hazard at
     * its disposal; otherwise one waiting for verification), the variable gets a value the gateway does not know.
     */
    @ParameterizedTest(name = "{0}: {1} = {2}, corrected to {3}")
    @CsvSource({"VerifyOutcome, verifyOutcome, MAYBE, UNFOUNDED, false",
            "InstructionNeeded, riskLevel, V, III, false",
            "JointNeeded, needsJoint, , false, true",
            "SignoffDecision, signoffDecision, POSTPONE, NEW_LIMIT, true",
            "ReinspectOutcome, reinspectOutcome, UNSURE, PERSISTS, true"})
    void anUnexpectedValueAtAGatewayIsAnIncidentUntilCorrectedThenTheGatewayDecidesAgain(String gateway,
            String variable, String unexpected, String corrected, boolean graded) {
        // Given a case whose variable holds a value the gateway does not know (empty: no value at all)
        Started r = graded ? graded("FIRE", "MEDIUM", 5) : start("FIRE");
        String instance = r.process().getId();
        long decided = decisions(instance, gateway);
        runtimeService.setVariable(instance, SIGNOFF_NOTE, "测试");
        runtimeService.setVariable(instance, VERIFY_NOTE, "测试");
        runtimeService.setVariable(instance, variable, unexpected);
        runtimeService.createProcessInstanceModification(instance).startBeforeActivity(gateway).execute();

        // When the engine runs the gateway's default flow: the check fails, an operator sees an incident
        Job check = managementService.createJobQuery().processInstanceId(instance)
                .activityId(gateway + "Unexpected").singleResult();
        managementService.setJobRetries(check.getId(), 1);
        assertThatThrownBy(() -> managementService.executeJob(check.getId())).hasMessageContaining(variable);
        assertThat(runtimeService.createIncidentQuery().processInstanceId(instance)
                .activityId(gateway + "Unexpected").count()).isOne();
        assertThat(decisions(instance, gateway)).isEqualTo(decided + 1);
        assertThat(r.process()).hasNotPassed("RejectRisk", "ReportToLeaders", "RecordJointEnforcement",
                "ClosedBySignoff", "RaiseDisposal", "CloseRisk");

        // Then, once the operator corrects the variable and retries, the gateway decides again
        runtimeService.setVariable(instance, variable, corrected.equals("false") ? Boolean.FALSE : corrected);
        managementService.setJobRetries(check.getId(), 1);
        managementService.executeJob(check.getId());
        assertThat(runtimeService.createIncidentQuery().processInstanceId(instance).count()).isZero();
        assertThat(decisions(instance, gateway)).isEqualTo(decided + 2);
        if (!file(r).getStatus().finished()) {
            withdraw(r);
        }
        assertNothingLeftBehind(r);
    }

    /** Whether the case's leader sign-off (a called process) carried out that step. */
    private boolean passedInSignoff(Started r, String activityId) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(r.trackingNumber())
                .processDefinitionKey(SignoffProcess.PROCESS_ID).list().stream()
                .anyMatch(p -> historyService.createHistoricActivityInstanceQuery().processInstanceId(p.getId())
                        .activityId(activityId).count() > 0);
    }

    private long decisions(String instance, String gateway) {
        return historyService.createHistoricActivityInstanceQuery().processInstanceId(instance).activityId(gateway)
                .count();
    }

    // ---------------------------------------------------------------- helpers

    record Started(String trackingNumber, ProcessInstance process) {
    }

    private static CaseAccess.Caller staff(String login) {
        return new CaseAccess.Caller(login, Set.of());
    }

    private Started start(String type) {
        CaseStarts.Started started = intake.submit(new RiskIntake.RiskInput(type, "巡查发现隐患：" + type,
                new RiskIntake.Location(EAST_LAKE_GRID_1[0], EAST_LAKE_GRID_1[1]), "示范镇东湖小区1号楼", "MEDIUM", 3,
                null, null), staff(GRID_WORKER));
        return new Started(started.file().getTrackingNumber(), started.process());
    }

    /** A verified and graded hazard waiting at its disposal. */
    private Started graded(String type, String severity, long people) {
        Started r = start(type);
        verify(r, severity, people, false);
        assertThat(r.process()).isWaitingAt(TASK_DISPOSE);
        return r;
    }

    private void verify(Started r, String severity, long people, boolean vulnerable) {
        complete(r, TASK_VERIFY, GRID_LEADER, Map.of(VERIFY_OUTCOME, CONFIRMED, VERIFY_NOTE, "现场属实",
                SEVERITY, severity, PEOPLE_AFFECTED, people, VULNERABLE, vulnerable));
    }

    private void dispose(Started r, String user) {
        dispose(r, user, "已整改");
    }

    private void dispose(Started r, String user, String measures) {
        complete(r, TASK_DISPOSE, user, Map.of(MEASURES, measures, EVIDENCE, "照片 IMG-0001"));
    }

    private void instruct(Started r, String leader, String instruction) {
        Task task = tasks(r, TASK_INSTRUCT).stream().filter(t -> leader.equals(t.getAssignee())).findFirst()
                .orElseThrow();
        taskService.complete(task.getId(), Map.of(INSTRUCTION, instruction));
    }

    /** Moves the clock to the re-inspection and runs the timer: the re-inspection task is open. */
    private void reinspectionDue(Started r) {
        assertThat(r.process()).isWaitingAt(WAIT_REINSPECTION);
        moveTo(report(r).getReinspectAt().plusSeconds(1));
        runDueJobs(r);
        assertThat(task(r, TASK_REINSPECT)).isNotNull();
    }

    private void withdraw(Started r) {
        tx.executeWithoutResult(s -> commands.withdraw(staff(GRID_WORKER), r.trackingNumber(), "测试结束"));
        assertNothingLeftBehind(r);
    }

    /** Lets the disposal go late and climb to {@code level}, each level's push task left undone. */
    private void climbTo(Started r, int level) {
        for (int l = 1; l <= level; l++) {
            // the RISK row of case-sla.dmn: a step every 4 hours
            moveTo(l == 1 ? file(r).getHandlingDueAt().plusSeconds(60) : Cases.now().plus(Duration.ofHours(5)));
            runDueJobs(r);
            assertThat(file(r).getEscalationLevel()).isEqualTo(l);
            assertThat(pushTask(r)).as("push task at level %s", l).isNotNull();
        }
    }

    /**
     * After an end state: no running instance of the case (its own, the lights and ladder, supervision, sign-off),
     * no open task, no job and no event subscription of any of them.
     */
    private void assertNothingLeftBehind(Started r) {
        instances().assertNothingLeftBehind(r.trackingNumber());
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(r.process().getId())
                .finished().count()).as("the case's own instance ended").isOne();
        assertThat(file(r).getStatus().finished()).as("case status").isTrue();
    }

    private Task task(Started r, String key) {
        return taskService.createTaskQuery().processInstanceId(r.process().getId()).taskDefinitionKey(key)
                .singleResult();
    }

    private List<Task> tasks(Started r, String key) {
        return taskService.createTaskQuery().processInstanceId(r.process().getId()).taskDefinitionKey(key).list();
    }

    private void complete(Started r, String key, String user, Map<String, Object> variables) {
        Task task = task(r, key);
        assertThat(task).as("open task %s", key).isNotNull();
        if (task.getAssignee() == null) {
            taskService.claim(task.getId(), user);
        }
        taskService.complete(task.getId(), new HashMap<>(variables));
    }

    /** The open 督促办理 task: it lives in the case's lights-and-ladder instance ({@code case-clock}). */
    private Task pushTask(Started r) {
        return taskService.createTaskQuery().processInstanceBusinessKey(r.trackingNumber())
                .taskDefinitionKey(ClockProcess.TASK_PUSH).singleResult();
    }

    private ProcessInstance signoff(Started r) {
        return runtimeService.createProcessInstanceQuery().superProcessInstanceId(r.process().getId())
                .processDefinitionKey(SignoffProcess.PROCESS_ID).singleResult();
    }

    private long clocks(Started r) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(r.trackingNumber())
                .processDefinitionKey(ClockProcess.PROCESS_ID).count();
    }

    private CaseFile file(Started r) {
        return cases.find(r.trackingNumber()).orElseThrow();
    }

    private RiskReport report(Started r) {
        return reports.findByTrackingNumber(r.trackingNumber()).orElseThrow();
    }

    private List<CaseEventType> events(Started r) {
        return tx.execute(s -> cases.timeline(file(r)).stream().map(CaseEvent::getType).toList());
    }

    private List<String> notes(Started r, CaseEventType type) {
        return tx.execute(s -> cases.timeline(file(r)).stream().filter(e -> e.getType() == type)
                .map(CaseEvent::getNote).toList());
    }

    private List<String> outbox(Started r, String template) {
        return jdbc.queryForList("select channel from notification where case_ref = ? and template = ?",
                String.class, r.trackingNumber(), template);
    }

    private List<String> recipients(Started r, String template) {
        return jdbc.queryForList("select recipient_login from notification where case_ref = ? and template = ? "
                + "and recipient_login is not null", String.class, r.trackingNumber(), template);
    }

    private List<String> candidateGroups(Task task) {
        return instances().candidateGroups(task.getId());
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

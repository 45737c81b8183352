package org.gridcase.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.gridcase.casefile.CaseVariables.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The request model on its own (camunda-bpm-junit5, mocked delegates, {@link ClockUtil}): each segment is started
 * where it begins ({@code startBeforeActivity}) and its timers are driven by moving the engine clock. The Java side
 * is tested with the real services in {@link RequestProcessTest}; here a change to the diagram that breaks the
 * ladder, the lights or the event sub-processes fails on its own.
 */
@Deployment(resources = {"processes/request.bpmn", "processes/leader-signoff.bpmn", "processes/callback-survey.bpmn",
        "forms/verify-request.form", "forms/handle-request.form", "forms/redispatch-request.form",
        "forms/push-case.form", "forms/leader-signoff.form", "forms/callback-survey.form"})
class RequestModelTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().build();

    /** What the mocked delegates were asked to do, in order. */
    final List<String> calls = new ArrayList<>();
    Instant now;

    @BeforeEach
    void mockTheJavaSide() {
        now = Instant.parse("2026-11-24T02:00:00Z");
        ClockUtil.setCurrentTime(Date.from(now));
        for (String name : List.of("routeRequest", "scheduleDeadlines", "finishCase", "mergeCase", "dispatchCase",
                "transferToDepartment", "redispatchCase", "reopenCase", "remindHandler", "registerSupervision",
                "supervisionOverdue", "recordSignoff", "applySignoff", "sendSurveyLink",
                "recordSurvey", "markNotReached")) {
            Mocks.register(name, (JavaDelegate) execution -> calls.add(name));
        }
        Mocks.register("prepareSignoff", (JavaDelegate) execution -> {
            calls.add("prepareSignoff");
            execution.setVariable(SIGNOFF_GROUP, "leaders-SFZ");
            execution.setVariable(SIGNOFF_DUE_AT, Date.from(ClockUtil.now().toInstant().plusSeconds(86400)));
        });
        // the ladder: one level up, the next step an hour later
        Mocks.register("escalateCase", (JavaDelegate) execution -> {
            calls.add("escalateCase");
            int level = ((Number) execution.getVariable(ESCALATION_LEVEL)).intValue() + 1;
            execution.setVariable(ESCALATION_LEVEL, level);
            execution.setVariable(ESCALATION_GROUP, "level-" + level);
            execution.setVariable(NEXT_ESCALATION_AT, Date.from(ClockUtil.now().toInstant().plusSeconds(3600)));
        });
        for (String name : List.of("checkVerification", "checkHandling", "checkRedispatch", "checkPush",
                "checkSignoff", "checkSurvey")) {
            Mocks.register(name, (TaskListener) task -> calls.add(name));
        }
    }

    @AfterEach
    void reset() {
        Mocks.reset();
        ClockUtil.reset();
    }

    @Test
    void overdueCaseClimbsThreeLevelsThenLeavesHandlingForLeaderSignoff() {
        ProcessInstance pi = handling(Duration.ofHours(2));

        // the yellow point reminds, once
        moveBy(Duration.ofMinutes(91));
        runDueJobs(pi);
        assertThat(calls).containsOnlyOnce("remindHandler");
        assertThat(pi).isWaitingAt(RequestProcess.TASK_HANDLE);

        // due: level 1; the level pushes, the next step brings level 2
        moveBy(Duration.ofMinutes(30));
        runDueJobs(pi);
        assertThat(pushTask(pi).getTaskDefinitionKey()).isEqualTo(RequestProcess.TASK_PUSH);
        assertThat(taskService().getIdentityLinksForTask(pushTask(pi).getId()))
                .anyMatch(l -> "level-1".equals(l.getGroupId()));
        taskService().complete(pushTask(pi).getId(), withVariables(PUSH_NOTE, "已督促"));
        assertThat(pi).isWaitingAt("WaitNextLevel", RequestProcess.TASK_HANDLE);
        moveBy(Duration.ofMinutes(61));
        runDueJobs(pi);
        assertThat(runtimeService().getVariable(pi.getId(), ESCALATION_LEVEL)).isEqualTo(2);

        // nobody pushes at levels 2 and 3: each step times out
        moveBy(Duration.ofMinutes(61));
        runDueJobs(pi);
        assertThat(runtimeService().getVariable(pi.getId(), ESCALATION_LEVEL)).isEqualTo(3);
        moveBy(Duration.ofMinutes(61));
        runDueJobs(pi);

        // past the top: the handling sub-process is left for the leader sign-off call activity
        assertThat(pi).hasPassed("OverdueToSignoff").isWaitingAt("LeaderSignoff");
        assertThat(pi).isNotWaitingAt(RequestProcess.TASK_HANDLE);
        assertThat(calls).containsSubsequence("escalateCase", "escalateCase", "escalateCase", "escalateCase",
                "prepareSignoff");
    }

    @Test
    void signedOffCaseIsDispatchedAgainAndItsLightsStartOver() {
        ProcessInstance pi = handling(Duration.ofHours(2));
        complete(pi, Map.of("handlingOutcome", "SIGNOFF", "handlingNote", "疑难"));
        ProcessInstance signoff = runtimeService().createProcessInstanceQuery().superProcessInstanceId(pi.getId())
                .singleResult();
        assertThat(signoff).isWaitingAt("SignOff");
        taskService().complete(taskService().createTaskQuery().processInstanceId(signoff.getId()).singleResult()
                .getId(), withVariables(SIGNOFF_DECISION, "NEW_LIMIT", SIGNOFF_LIMIT_DAYS, 3L, SIGNOFF_NOTE, "限三日"));
        assertThat(pi).hasPassed("ApplySignoff", "DispatchRequest").isWaitingAt(RequestProcess.TASK_HANDLE);
        // a fresh handling scope: its timers are there again
        assertThat(jobQuery().processInstanceId(pi.getId()).timers().count()).isEqualTo(2);
    }

    @Test
    void withdrawalInterruptsTheCaseWhereverItIs() {
        ProcessInstance pi = handling(Duration.ofHours(2));
        runtimeService().createMessageCorrelation(MESSAGE_WITHDRAWAL).processInstanceId(pi.getId())
                .setVariable(WITHDRAW_REASON, "已自行解决").correlate();
        assertThat(pi).isEnded().hasPassed("WithdrawRequest");
        assertThat(jobQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    @Test
    void supervisionOrdersRunBesideTheCaseAndMayComeTwice() {
        ProcessInstance pi = handling(Duration.ofHours(48));
        runtimeService().createMessageCorrelation(MESSAGE_SUPERVISION).processInstanceId(pi.getId())
                .setVariable(SUPERVISION_DUE_AT, Date.from(now.plus(Duration.ofHours(4)))).correlate();
        runtimeService().createMessageCorrelation(MESSAGE_SUPERVISION).processInstanceId(pi.getId())
                .setVariable(SUPERVISION_DUE_AT, null).correlate();
        assertThat(pi).isWaitingAt(RequestProcess.TASK_HANDLE, "SupervisionDeadline");
        moveBy(Duration.ofHours(5));
        runDueJobs(pi);
        assertThat(calls).containsSubsequence("registerSupervision", "registerSupervision", "supervisionOverdue");
        assertThat(pi).isWaitingAt(RequestProcess.TASK_HANDLE);
    }

    @Test
    void surveyLinkExpiresIntoAPhoneCallbackThatTimesOutAsNotReached() {
        ProcessInstance pi = runtimeService().createProcessInstanceByKey("callback-survey")
                .setVariables(Map.of(TRACKING_NUMBER, "SQ-20261124-0001",
                        SURVEY_LINK_DUE_AT, Date.from(now.plus(Duration.ofHours(24))),
                        PHONE_DUE_AT, Date.from(now.plus(Duration.ofHours(72)))))
                .execute();
        assertThat(pi).isWaitingAt("AwaitAnswer");
        moveBy(Duration.ofHours(25));
        runDueJobs(pi);
        assertThat(pi).isWaitingAt("PhoneSurvey");
        assertThat(task(pi)).hasCandidateGroup("dispatchers");
        moveBy(Duration.ofHours(48));
        runDueJobs(pi);
        assertThat(pi).isEnded().hasPassed("MarkNotReached", "RecordSurvey");
    }

    // ---------------------------------------------------------------- helpers

    /** A case waiting in the handling sub-process of the grid, due in {@code limit}, yellow at 75 %. */
    private ProcessInstance handling(Duration limit) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(TRACKING_NUMBER, "SQ-20261124-0001");
        variables.put(HANDLER_GROUP, "area-SFZ-C01-G01");
        variables.put(PRIORITY, NORMAL_PRIORITY);
        variables.put(HANDLING_DUE_AT, Date.from(now.plus(limit)));
        variables.put(YELLOW_AT, Date.from(now.plus(limit.multipliedBy(3).dividedBy(4))));
        variables.put(RESPONSE_DUE_AT, Date.from(now.plus(limit)));
        variables.put(ESCALATION_LEVEL, 0);
        variables.put(MAX_ESCALATION_LEVEL, 3);
        variables.put(NEXT_ESCALATION_AT, null);
        variables.put(SUPERVISION_DUE_AT, null);
        variables.put(REOPEN_COUNT, 0);
        variables.put(MAX_REOPENS, 2);
        ProcessInstance pi = runtimeService().createProcessInstanceByKey(RequestProcess.PROCESS_ID)
                .businessKey("SQ-20261124-0001").startBeforeActivity("Handling").setVariables(variables).execute();
        assertThat(pi).isWaitingAt(RequestProcess.TASK_HANDLE);
        return pi;
    }

    private void complete(ProcessInstance pi, Map<String, Object> variables) {
        taskService().complete(taskService().createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(RequestProcess.TASK_HANDLE).singleResult().getId(), variables);
    }

    private org.camunda.bpm.engine.task.Task pushTask(ProcessInstance pi) {
        return taskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(RequestProcess.TASK_PUSH)
                .singleResult();
    }

    private void moveBy(Duration duration) {
        ClockUtil.setCurrentTime(Date.from(ClockUtil.now().toInstant().plus(duration)));
    }

    private void runDueJobs(ProcessInstance pi) {
        for (int round = 0; round < 20; round++) {
            List<Job> due = new ArrayList<>(managementService().createJobQuery().processInstanceId(pi.getId())
                    .executable().list());
            runtimeService().createProcessInstanceQuery().superProcessInstanceId(pi.getId()).list().forEach(sub ->
                    due.addAll(managementService().createJobQuery().processInstanceId(sub.getId()).executable().list()));
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> execute(job));
        }
    }
}

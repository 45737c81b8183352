package org.gridcase.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.gridcase.casefile.CaseAccess;
import org.gridcase.casefile.CaseCommands;
import org.gridcase.casefile.CaseEventType;
import org.gridcase.escalation.ClockProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Fault drill 3, a failing delegate: the registry fails inside a job (its database connection is gone) while a
 * request's handling limit passes. The job is retried with the back-off configured once for every job
 * ({@code failed-job-retry-time-cycle} in application.yml, the production value: 1 min, 5 min, 15 min, 1 h), then
 * Cockpit shows the incident with the failure; the registry comes back, an operator retries the job as Cockpit
 * does (engine REST, as an administrator), and the case goes on to its end with nothing lost, doubled or left.
 * The same for an asynchronous step; and the one failure that skips the back-off, a value only an operator can fix.
 * <p>
 * Run it: {@code ./mvnw -o -q -Dtest=FailingDelegateDrillTest test}
 */
class FailingDelegateDrillTest extends FaultDrill {

    /** The configured pauses after the 1st, 2nd, 3rd and 4th failed attempt; the 5th raises the incident. */
    static final List<Duration> BACKOFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofHours(1));
    static final String FAILURE = "Failed to obtain JDBC Connection: registry database unreachable";

    @Autowired
    CaseCommands commands;

    @AfterEach
    void healTheRegistry() throws Exception {
        doCallRealMethod().when(registry).lineage(anyString());
        doCallRealMethod().when(recordBuildingVerification).execute(any());
    }

    @Test
    void aTimerWhoseRegistryCallFailsIsRetriedWithBackoffThenAnIncidentAndAnOperatorRetryFinishesTheCase()
            throws Exception {
        // Given a request in handling, its clock running, its grid's staff told once of their task
        String tn = dispatchedRequest("东湖小区3号楼前垃圾堆放多日无人清运（演练：委托失败）");
        String handlers = file(tn).getHandlerGroup();
        String gridLeaders = "grid-leaders-" + file(tn).getGridCode();
        assertThat(mailboxesOf(gridLeaders)).isNotEmpty();
        ProcessInstance clock = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(tn)
                .processDefinitionKey(ClockProcess.PROCESS_ID).singleResult();

        // and the yellow light passes as usual (its step does not read the registry)
        moveTo(file(tn).getYellowAt().plusSeconds(60));
        managementService.executeJob(timer(clock, ClockProcess.YELLOW_LIGHT).getId());
        Job red = timer(clock, ClockProcess.RED_LIGHT);

        // When the registry's database is unreachable as the handling limit passes
        doThrow(new CannotGetJdbcConnectionException(FAILURE)).when(registry).lineage(anyString());
        moveTo(file(tn).getHandlingDueAt().plusSeconds(60));

        // Then each attempt of the red light's timer fails, the next one is due after the configured pause with one
        // retry less, and the 5th failure leaves no retry
        failsWithTheConfiguredBackoff(red.getId(), () -> incidents(tn));

        // and it is an incident in Cockpit (ACT_RU_INCIDENT) on the red light, with the failure's message, and on
        // the request's call of the clock (Cockpit shows the case with an incident, pointing at its cause)
        List<Incident> incidents = incidents(tn);
        assertThat(incidents).hasSize(2);
        Incident incident = incidents.stream().filter(i -> i.getProcessInstanceId().equals(clock.getId()))
                .findFirst().orElseThrow();
        assertThat(incidents).allSatisfy(i -> assertThat(i.getRootCauseIncidentId()).isEqualTo(incident.getId()));
        assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
        assertThat(incident.getActivityId()).isEqualTo(ClockProcess.RED_LIGHT);
        assertThat(incident.getConfiguration()).isEqualTo(red.getId());
        assertThat(jdbc.queryForObject("select INCIDENT_MSG_ from ACT_RU_INCIDENT where ID_ = ?", String.class,
                incident.getId())).contains(FAILURE);
        // and meanwhile the case was not touched: no level, no push task, no escalation mail; the handler still works
        assertThat(file(tn).getEscalationLevel()).isZero();
        assertThat(openTask(tn, ClockProcess.TASK_PUSH)).isNull();
        assertThat(openTask(tn, RequestProcess.TASK_HANDLE)).isNotNull();
        assertThat(outbox(tn, "ESCALATED")).isEmpty();

        // When the registry is back and an operator retries the job in Cockpit (due now)
        healTheRegistry();
        ResponseEntity<String> retry = retryAsCockpitDoes(red.getId(), now());
        assertThat(retry.getStatusCode()).as("%s", retry.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(incidents(tn)).isEmpty();
        assertThat(executable(red.getId())).isTrue();
        instances().runDueJobs(tn);

        // Then the case escalated once: level 1, the grid leaders' push task, their mail queued once each
        assertThat(file(tn).getEscalationLevel()).isEqualTo(1);
        assertThat(openTask(tn, ClockProcess.TASK_PUSH)).isNotNull();
        assertThat(outbox(tn, "ESCALATED")).containsExactlyInAnyOrderElementsOf(mailboxesOf(gridLeaders));
        assertThat(historicIncident(incident.getId()).isResolved()).isTrue();

        // When the grid worker settles it and the reporter rates it
        resolveAndClose(tn);

        // Then nothing is left behind, and no case data was lost or doubled: one case row, each step on the
        // timeline once, each notification queued once
        assertThat(jdbc.queryForObject("select count(*) from case_file where tracking_number = ?", Integer.class,
                tn)).isEqualTo(1);
        assertThat(events(tn)).containsSubsequence(CaseEventType.REGISTERED, CaseEventType.VERIFIED,
                CaseEventType.DISPATCHED, CaseEventType.REMINDED, CaseEventType.ESCALATED, CaseEventType.HANDLED,
                CaseEventType.SURVEYED, CaseEventType.CLOSED);
        for (CaseEventType once : List.of(CaseEventType.REGISTERED, CaseEventType.REMINDED, CaseEventType.ESCALATED,
                CaseEventType.HANDLED, CaseEventType.CLOSED)) {
            assertThat(events(tn)).as("%s on the timeline", once).containsOnlyOnce(once);
        }
        assertThat(outbox(tn, "TASK_REMINDER")).containsExactlyInAnyOrderElementsOf(mailboxesOf(handlers));
        assertThat(jdbc.queryForObject("select count(*) - count(distinct dedup_key) from notification "
                + "where case_ref = ?", Integer.class, tn)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from ACT_RU_INCIDENT", Integer.class)).isZero();
    }

    @Test
    void anAsynchronousStepWhoseRegistryWriteFailsIsRetriedWithTheSameBackoffAndAnOperatorRetryRecordsItOnce()
            throws Exception {
        // Given a building verification whose grid worker has entered what he found
        ResponseEntity<String> started = rest.withBasicAuth("maxiuying", "demo")
                .postForEntity("/api/registry/buildings/SFZ-B0102/verifications", null, String.class);
        assertThat(started.getStatusCode()).as("%s", started.getBody()).isEqualTo(HttpStatus.CREATED);
        String id = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("SFZ-B0102")
                .singleResult().getId();
        String task = taskService.createTaskQuery().processInstanceId(id).singleResult().getId();
        taskService.claim(task, "zhangwei");
        taskService.complete(task, Map.of("address", "示范镇东湖小区2号楼（演练）", "households", 41L,
                "verificationNote", "实地核对"));
        Job record = managementService.createJobQuery().processInstanceId(id).singleResult();

        // When the registry's database is unreachable as the asynchronous step records it
        doThrow(new CannotGetJdbcConnectionException(FAILURE)).when(recordBuildingVerification).execute(any());

        // Then it is retried with the same back-off as a timer, then an incident on the step
        failsWithTheConfiguredBackoff(record.getId(),
                () -> runtimeService.createIncidentQuery().processInstanceId(id).list());
        Incident incident = runtimeService.createIncidentQuery().processInstanceId(id).singleResult();
        assertThat(incident.getActivityId()).isEqualTo("RecordVerificationTask");
        assertThat(incident.getIncidentMessage()).contains(FAILURE);
        assertThat(building("SFZ-B0102")).doesNotContainEntry("VERIFIED_BY", "zhangwei");

        // When the registry is back and an operator retries the job
        healTheRegistry();
        assertThat(retryAsCockpitDoes(record.getId(), now()).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        managementService.executeJob(record.getId());

        // Then the building is recorded, the verification has ended, nothing of it is left
        assertThat(building("SFZ-B0102")).containsEntry("HOUSEHOLDS", 41).containsEntry("VERIFIED_BY", "zhangwei")
                .containsEntry("ADDRESS", "示范镇东湖小区2号楼（演练）");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(id).count()).isZero();
        assertThat(managementService.createJobQuery().processInstanceId(id).count()).isZero();
        assertThat(runtimeService.createIncidentQuery().processInstanceId(id).count()).isZero();
    }

    @Test
    void aValueNoRetryCanFixIsAnIncidentAtOnce() {
        // Given a request whose gateway meets a value it has no flow for
        String tn = dispatchedRequest("东湖小区3号楼前垃圾堆放（演练：无法识别的结果）");
        String instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(tn)
                .processDefinitionKey(RequestProcess.PROCESS_ID).singleResult().getId();
        complete(tn, RequestProcess.TASK_HANDLE, "zhangwei", Map.of("handlingOutcome", "RESOLVED",
                "handlingNote", "已清运"));
        runtimeService.setVariable(instance, "satisfaction", "MEH");
        runtimeService.createProcessInstanceModification(instance).startBeforeActivity("SurveyOutcome").execute();
        Job check = managementService.createJobQuery().processInstanceId(instance)
                .activityId("SurveyOutcomeUnexpected").singleResult();

        // When its check runs once
        assertThatThrownBy(() -> managementService.executeJob(check.getId())).hasMessageContaining("MEH");

        // Then there is no back-off: the incident is there at once, naming the value
        assertThat(job(check.getId()).getRetries()).isZero();
        assertThat(incidents(tn)).singleElement().satisfies(i -> assertThat(i.getIncidentMessage()).contains("MEH"));
        runtimeService.setVariable(instance, "satisfaction", "SATISFIED");
        managementService.setJobRetries(check.getId(), 1);
        managementService.executeJob(check.getId());
        assertThat(incidents(tn)).isEmpty();
        if (!file(tn).getStatus().finished()) {
            tx.executeWithoutResult(s -> commands.withdraw(new CaseAccess.Caller("chenxiaoyan", Set.of()), tn,
                    "演练结束"));
        }
        instances().assertNothingLeftBehind(tn);
    }

    /**
     * Runs the failing job until its retries are spent, asserting after each failed attempt the retries left and the
     * due date of the next (the configured pause later; a second before, the job executor would not take it).
     */
    private void failsWithTheConfiguredBackoff(String jobId, Supplier<List<Incident>> incidents) {
        for (int attempt = 1; attempt <= BACKOFF.size(); attempt++) {
            Instant failedAt = now();
            assertThatThrownBy(() -> managementService.executeJob(jobId)).hasMessageContaining(FAILURE);
            Job failed = job(jobId);
            assertThat(failed.getRetries()).as("retries left after attempt %d", attempt)
                    .isEqualTo(BACKOFF.size() + 1 - attempt);
            assertThat(failed.getDuedate()).as("due after attempt %d", attempt)
                    .isEqualTo(Date.from(failedAt.plus(BACKOFF.get(attempt - 1))));
            assertThat(failed.getExceptionMessage()).contains(FAILURE);
            assertThat(incidents.get()).as("no incident while retries are left").isEmpty();
            moveTo(failedAt.plus(BACKOFF.get(attempt - 1)).minusSeconds(1));
            assertThat(executable(jobId)).as("due before the pause ends").isFalse();
            moveTo(failedAt.plus(BACKOFF.get(attempt - 1)));
            assertThat(executable(jobId)).isTrue();
        }
        assertThatThrownBy(() -> managementService.executeJob(jobId)).hasMessageContaining(FAILURE);
        assertThat(job(jobId).getRetries()).isZero();
    }

    private Map<String, Object> building(String code) {
        return jdbc.queryForMap("select address, households, verified_by from building where code = ?", code);
    }

    private Job timer(ProcessInstance instance, String activityId) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId)
                .singleResult();
    }

    private Job job(String id) {
        return managementService.createJobQuery().jobId(id).singleResult();
    }

    /** What the job executor would take now: retries left, due. */
    private boolean executable(String jobId) {
        return managementService.createJobQuery().jobId(jobId).executable().count() == 1;
    }

    private List<Incident> incidents(String tn) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(tn).list().stream()
                .flatMap(p -> runtimeService.createIncidentQuery().processInstanceId(p.getId()).list().stream())
                .toList();
    }

    private HistoricIncident historicIncident(String id) {
        return processEngine.getHistoryService().createHistoricIncidentQuery().incidentId(id).singleResult();
    }

    private List<String> outbox(String tn, String template) {
        return jdbc.queryForList("select recipient from notification where case_ref = ? and template = ? "
                + "and channel = 'EMAIL'", String.class, tn, template);
    }

    /** Cockpit's "retry" on a failed job: {@code PUT /engine-rest/job/{id}/retries} by an administrator. */
    private ResponseEntity<String> retryAsCockpitDoes(String jobId, Instant dueDate) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String due = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC)
                .format(dueDate);
        return rest.withBasicAuth("admin", "demo").exchange("/engine-rest/job/" + jobId + "/retries", HttpMethod.PUT,
                new HttpEntity<>(Map.of("retries", 1, "dueDate", due), headers), String.class);
    }
}

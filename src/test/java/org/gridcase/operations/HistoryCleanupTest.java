package org.gridcase.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.gridcase.GridCaseTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * History level full keeps everything a case did; the nightly history cleanup removes it once the process's
 * historyTimeToLive has passed since the case ended.
 */
class HistoryCleanupTest extends GridCaseTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Tables that hold an instance's history, by their root process instance column. */
    private static final List<String> HISTORY = List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST",
            "ACT_HI_VARINST", "ACT_HI_DETAIL", "ACT_HI_IDENTITYLINK", "ACT_HI_OP_LOG");

    @Autowired
    private RepositoryService repositoryService;
    @Autowired
    private RuntimeService runtimeService;
    @Autowired
    private TaskService taskService;
    @Autowired
    private HistoryService historyService;
    @Autowired
    private ManagementService managementService;
    @Autowired
    private JdbcTemplate jdbc;

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    @Test
    void cleanupIsScheduledNightlyOffStaffHours() {
        // Given the engine as configured / When it has started
        List<Job> jobs = historyService.findHistoryCleanupJobs();
        // Then a history cleanup job exists, due inside the window 01:00-05:00 Shanghai time
        assertThat(jobs).isNotEmpty();
        for (Job job : jobs) {
            LocalTime due = ZonedDateTime.ofInstant(job.getDuedate().toInstant(), SHANGHAI).toLocalTime();
            assertThat(due).as("due %s", job.getDuedate()).isBetween(LocalTime.of(1, 0), LocalTime.of(5, 0));
        }
    }

    @Test
    void endedCasesHistoryIsRemovedAfterItsTimeToLive() {
        // Given a process with one day of history TTL, worked and ended
        BpmnModelInstance model = Bpmn.createExecutableProcess("history-ttl-probe").camundaHistoryTimeToLive(1)
                .startEvent().userTask("Work").camundaCandidateGroups("dispatchers").endEvent().done();
        repositoryService.createDeployment().name("history-ttl-probe")
                .addModelInstance("history-ttl-probe.bpmn", model).deploy();
        String id = runtimeService.startProcessInstanceByKey("history-ttl-probe", Map.of("note", "探针")).getId();
        taskService.complete(taskService.createTaskQuery().processInstanceId(id).singleResult().getId(),
                Map.of("result", "done"));
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(id).finished().count())
                .isEqualTo(1);
        assertThat(historyRows(id)).as("history before the TTL").isGreaterThan(5);

        // When the clock is past the TTL and the history cleanup job runs
        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.now(SHANGHAI).plusDays(2).toInstant()));
        Job cleanup = historyService.cleanUpHistoryAsync(true);
        try {
            managementService.executeJob(cleanup.getId());
        } catch (OptimisticLockingException executorWasFaster) {
            // the job executor ran it first
        }

        // Then none of that instance's history is left
        await().atMost(Duration.ofSeconds(20)).until(() -> historyRows(id) == 0);
    }

    private int historyRows(String processInstanceId) {
        return HISTORY.stream().mapToInt(table -> jdbc.queryForObject(
                "select count(*) from " + table + " where ROOT_PROC_INST_ID_ = ?", Integer.class, processInstanceId))
                .sum();
    }
}

package org.gridcase.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;

/**
 * What every case process test needs, whatever the kind: the engine's clock moved, the due jobs of a case (its own
 * instance and every instance it called: lights and ladder, supervision, sign-off, survey) run, and after an end
 * state the proof that nothing is left behind. A case is its business key, the tracking number.
 */
public final class CaseInstances {

    private final ProcessEngine engine;

    public CaseInstances(ProcessEngine engine) {
        this.engine = engine;
    }

    public static void moveTo(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    /** Runs every job of the case that is due, until none is left. */
    public void runDueJobs(String trackingNumber) {
        for (int round = 0; round < 20; round++) {
            List<Job> due = new ArrayList<>();
            for (ProcessInstance p : engine.getRuntimeService().createProcessInstanceQuery()
                    .processInstanceBusinessKey(trackingNumber).list()) {
                due.addAll(engine.getManagementService().createJobQuery().processInstanceId(p.getId()).executable()
                        .list());
            }
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> engine.getManagementService().executeJob(job.getId()));
        }
        throw new AssertionError("jobs keep coming for " + trackingNumber);
    }

    /**
     * After an end state: no running instance of the case, no open task, and no job or event subscription of any
     * instance it ever had.
     */
    public void assertNothingLeftBehind(String trackingNumber) {
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(trackingNumber)
                .count()).as("running instances of %s", trackingNumber).isZero();
        assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(trackingNumber).count())
                .as("open tasks of %s", trackingNumber).isZero();
        List<String> instances = engine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(trackingNumber).list().stream().map(HistoricProcessInstance::getId)
                .toList();
        assertThat(instances).as("instances of %s", trackingNumber).isNotEmpty();
        for (String id : instances) {
            assertThat(engine.getTaskService().createTaskQuery().processInstanceId(id).count()).as("tasks of %s", id)
                    .isZero();
            assertThat(engine.getManagementService().createJobQuery().processInstanceId(id).count())
                    .as("jobs of %s", id).isZero();
            assertThat(engine.getRuntimeService().createEventSubscriptionQuery().processInstanceId(id).count())
                    .as("subscriptions of %s", id).isZero();
        }
    }

    public List<String> candidateGroups(String taskId) {
        List<String> groups = new ArrayList<>();
        for (IdentityLink link : engine.getTaskService().getIdentityLinksForTask(taskId)) {
            if ("candidate".equals(link.getType()) && link.getGroupId() != null) {
                groups.add(link.getGroupId());
            }
        }
        return groups;
    }
}

package org.gridcase.bench;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * The baseline: a plain Camunda engine of the same version on GridCase's own {@link DataSource} (the same pool, URL,
 * driver and isolation, so the same database and tables), history {@code full}, the id generator the Spring Boot
 * starter uses (UUIDs), no job executor, no plugins, no authorization checks. Its process is what Camunda itself
 * does at the least for an intake: start → a no-op service task → a user task, with {@code variables} start
 * variables; its task is completed with the same two variables the first GridCase task takes.
 * <p>
 * Given a {@link JobExecutor} (not started: the caller starts and stops it), it also deploys {@value #TIMED_PROCESS},
 * the least Camunda does for a deadline that escalates: start → a timer intermediate catch event at the start
 * variable {@code dueAt} → a no-op service task → a user task with an interrupting boundary timer (one day), like
 * GridCase's 红灯 timer → 升级一级 → 督促办理 with its 本级超时 timer.
 */
final class BareEngine implements AutoCloseable {

    static final String PROCESS = "bench-bare";
    static final String TASK = "BareTask";
    static final String TIMED_PROCESS = "bench-bare-timer";
    static final String TIMER = "BareDue";
    static final String TIMED_TASK = "BareTimedTask";

    private final ProcessEngine engine;
    private final int variables;

    BareEngine(DataSource dataSource, int variables) {
        this(dataSource, variables, null);
    }

    BareEngine(DataSource dataSource, int variables, JobExecutor jobExecutor) {
        this.variables = variables;
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName("bench-bare");
        configuration.setDataSource(dataSource);
        configuration.setDatabaseSchemaUpdate("false");
        configuration.setHistory("full");
        configuration.setJobExecutorActivate(false);
        if (jobExecutor != null) {
            configuration.setJobExecutor(jobExecutor);
        }
        configuration.setIdGenerator(new StrongUuidGenerator());
        this.engine = configuration.buildProcessEngine();
        BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(180)
                .startEvent()
                .serviceTask("NoOp").camundaExpression("${true}")
                .userTask(TASK).camundaCandidateGroups("bench")
                .endEvent()
                .done();
        engine.getRepositoryService().createDeployment().name(PROCESS).enableDuplicateFiltering(false)
                .addModelInstance(PROCESS + ".bpmn", model).deploy();
        if (jobExecutor != null) {
            BpmnModelInstance timed = Bpmn.createExecutableProcess(TIMED_PROCESS).camundaHistoryTimeToLive(180)
                    .startEvent()
                    .intermediateCatchEvent(TIMER).timerWithDate("${dueAt}")
                    .serviceTask("TimedNoOp").camundaExpression("${true}")
                    .userTask(TIMED_TASK).camundaCandidateGroups("bench")
                    .boundaryEvent("BareTaskLate").timerWithDuration("P1D").endEvent("BareLateEnd")
                    .moveToActivity(TIMED_TASK).endEvent("BareTimedEnd")
                    .done();
            engine.getRepositoryService().createDeployment().name(TIMED_PROCESS).enableDuplicateFiltering(false)
                    .addModelInstance(TIMED_PROCESS + ".bpmn", timed).deploy();
        }
    }

    /** Starts {@value #TIMED_PROCESS} waiting for {@code dueAt}; the id of its timer job. */
    String startTimed(String businessKey, Date dueAt) {
        VariableMap map = startVariables(businessKey);
        map.putValue("dueAt", dueAt);
        String id = engine.getRuntimeService().startProcessInstanceByKey(TIMED_PROCESS, businessKey, map).getId();
        return engine.getManagementService().createJobQuery().processInstanceId(id).singleResult().getId();
    }

    ProcessEngine engine() {
        return engine;
    }

    ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    /** Start variables shaped like GridCase's: mostly short texts, some numbers, flags and nulls. */
    private VariableMap startVariables(String key) {
        VariableMap map = Variables.createVariables();
        for (int i = 0; i < variables; i++) {
            switch (i % 6) {
                case 0 -> map.putValue("text" + i, key + " 东湖小区3号楼门口垃圾堆放，请尽快清运");
                case 1 -> map.putValue("code" + i, "SFZ-C01-G01");
                case 2 -> map.putValue("number" + i, i);
                case 3 -> map.putValue("flag" + i, false);
                case 4 -> map.putValue("none" + i, null);
                default -> map.putValue("name" + i, "演练居民");
            }
        }
        return map;
    }

    void start(String businessKey) {
        engine.getRuntimeService().startProcessInstanceByKey(PROCESS, businessKey, startVariables(businessKey));
    }

    void complete(String taskId) {
        engine.getTaskService().complete(taskId, Map.of("verifyOutcome", "VALID", "verifyNote", "现场属实"));
    }

    List<String> openTasks(int max) {
        List<String> ids = new ArrayList<>();
        for (Task task : engine.getTaskService().createTaskQuery().processDefinitionKey(PROCESS).taskDefinitionKey(TASK)
                .active().listPage(0, max)) {
            ids.add(task.getId());
        }
        return ids;
    }

    long variablesOf(String businessKey) {
        String id = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(businessKey)
                .singleResult().getId();
        return engine.getRuntimeService().createVariableInstanceQuery().processInstanceIdIn(id).count();
    }

    @Override
    public void close() {
        engine.close();
    }
}

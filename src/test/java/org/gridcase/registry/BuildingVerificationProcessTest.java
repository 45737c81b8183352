package org.gridcase.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code verify-building.bpmn} on the real engine: the grid checks a building, the registry records it. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:building-verification;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        "gridcase.notify.poll-millis=3600000",
        "gridcase.demo.sample-tasks=false"})
@Import(ProcessEngineCoverageConfiguration.class)
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
class BuildingVerificationProcessTest {

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired BuildingVerificationService verification;
    @Autowired Buildings buildings;
    @Autowired TransactionTemplate tx;

    @BeforeEach
    void setUp() {
        AbstractAssertions.init(engine);
    }

    @Test
    void theGridChecksABuildingAndTheRegistryKeepsWhatItFound() {
        // Given a verification of a building of grid 1
        String id = tx.execute(s -> verification.request("SFZ-B0102", "admin"));
        ProcessInstance pi = runtimeService.createProcessInstanceQuery().processInstanceId(id).singleResult();
        Task task = taskService.createTaskQuery().processInstanceId(id).singleResult();
        assertThat(taskService.getIdentityLinksForTask(task.getId()))
                .anyMatch(l -> "area-SFZ-C01-G01".equals(l.getGroupId()));

        // the form shows the grid's name and the building's address, not their codes
        assertThat(taskService.getVariable(task.getId(), "gridName")).isEqualTo("东湖社区第一网格");
        assertThat(taskService.getVariable(task.getId(), "registeredAddress")).isEqualTo("示范镇东湖小区2号楼");

        // When the grid worker enters nonsense, nothing is completed; then he enters what he found
        taskService.claim(task.getId(), "zhangwei");
        Map<String, Object> wrong = new HashMap<>(Map.of("address", "示范镇东湖小区2号楼", "households", -3L));
        assertThatThrownBy(() -> taskService.complete(task.getId(), wrong)).hasMessageContaining("户数");
        taskService.complete(task.getId(), Map.of("address", "示范镇东湖小区2号楼（东单元）", "households", 40L,
                "verificationNote", "实地核对"));
        Job record = managementService.createJobQuery().processInstanceId(id).singleResult();
        managementService.executeJob(record.getId());

        // Then the registry has the verified numbers and the process is done
        assertThat(pi).isEnded();
        Building building = tx.execute(s -> buildings.findByCode("SFZ-B0102").orElseThrow());
        assertThat(building.getHouseholds()).isEqualTo(40);
        assertThat(building.getAddress()).isEqualTo("示范镇东湖小区2号楼（东单元）");
    }
}

package org.gridcase.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.gridcase.GridCaseTest;
import org.gridcase.casefile.CaseVariables;
import org.gridcase.request.RequestProcess;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the engine's history keeps of a case ({@link EngineHistory}): the variables that decide the path, not the
 * copies of the case record nor the resident's data; no variable details; no decision history for the SLA and
 * routing tables; and the rest of the history level {@code full} as before (activities, tasks, the user operation
 * log). The risk tables keep their decision history: RiskDecisionsTest reads the matched rule from it.
 */
class EngineHistoryTest extends GridCaseTest {

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anIntakeKeepsThePathDecidingVariablesButNotTheResidentsDataNorDetailsNorRoutingDecisions() {
        // Given decisions evaluated before (other tests) are counted apart
        long decisionsBefore = historyService.createHistoricDecisionInstanceQuery()
                .decisionDefinitionKeyIn("case-sla", "request-routing").count();

        // When the dispatcher registers a request and the grid worker verifies it
        Map<String, Object> body = new HashMap<>();
        body.put("category", "SANITATION");
        body.put("description", "东湖小区5号楼前垃圾堆放多日无人清运");
        body.put("channel", "HOTLINE");
        body.put("address", "示范镇东湖小区5号楼");
        body.put("location", Map.of("lat", 41.1035, "lng", 122.0060));
        body.put("reporter", Map.of("name", "历史测", "phone", "13700000177"));
        ResponseEntity<JsonNode> response = postJson("chenxiaoyan", "/api/requests", body);
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.CREATED);
        String tn = response.getBody().path("trackingNumber").asText();
        String process = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(tn).singleResult()
                .getId();
        Task verify = taskService.createTaskQuery().processInstanceId(process).singleResult();
        taskService.complete(verify.getId(), Map.of(RequestProcess.VERIFY_OUTCOME, RequestProcess.VALID,
                RequestProcess.VERIFY_NOTE, "属实，居民历史测反映情况属实"));

        // Then the runtime has every variable the forms and gateways read, the resident's among them
        assertThat(runtimeService.getVariables(process)).containsKeys(CaseVariables.TRACKING_NUMBER,
                CaseVariables.DESCRIPTION, CaseVariables.REPORTER_NAME, CaseVariables.REPORTER_PHONE,
                CaseVariables.HANDLING_DUE_AT);

        // and the history keeps the path-deciding ones only
        List<String> kept = historyService.createHistoricVariableInstanceQuery().processInstanceId(process).list()
                .stream().map(HistoricVariableInstance::getName).toList();
        assertThat(kept).contains(CaseVariables.TRACKING_NUMBER, CaseVariables.CATEGORY, CaseVariables.GRID_CODE,
                CaseVariables.HANDLER_GROUP, RequestProcess.VERIFY_OUTCOME);
        assertThat(kept).doesNotContain(CaseVariables.DESCRIPTION, CaseVariables.ADDRESS,
                CaseVariables.REPORTER_NAME, CaseVariables.REPORTER_PHONE, CaseVariables.CASE_STORY,
                CaseVariables.HANDLING_DUE_AT, CaseVariables.ESCALATION_STEP, RequestProcess.VERIFY_NOTE);
        // not even the case story's copy of the resident's name, nor the phone, anywhere in the variable history
        assertThat(jdbc.queryForObject("select count(*) from ACT_HI_VARINST where PROC_INST_ID_ = ? and "
                + "(TEXT_ like '%历史测%' or TEXT_ like '%13700000177%')", Integer.class, process)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from ACT_HI_DETAIL where PROC_INST_ID_ = ?", Integer.class,
                process)).isZero();

        // and the SLA and routing tables left no decision history, while the evaluations happened
        assertThat(historyService.createHistoricDecisionInstanceQuery()
                .decisionDefinitionKeyIn("case-sla", "request-routing").count()).isEqualTo(decisionsBefore);
        assertThat(response.getBody().path("departmentCode").asText()).isEqualTo("URBAN_MGMT");

        // and the rest of the full history is there: the activities, the completed task with its assignee
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(process)
                .activityId(RequestProcess.TASK_VERIFY).finished().count()).isEqualTo(1);
        assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(process)
                .taskDefinitionKey(RequestProcess.TASK_VERIFY).finished().count()).isEqualTo(1);
    }
}

package org.gridcase.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of {@code risk-grading.dmn} and {@code risk-routing.dmn}, each hit by an input that only it (or no
 * earlier rule) matches, with one assertion on the rule that matched and what it answered. A rule a process owner
 * adds without a case here fails {@link #everyRuleOfBothTablesHasACase()}.
 */
@Deployment(resources = {"processes/risk-grading.dmn", "processes/risk-routing.dmn"})
class RiskDecisionsTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().build();

    static Stream<Arguments> gradingRules() {
        return Stream.of(
                grading("risk-grading_r1", "FIRE", "CRITICAL", 3, false, "I", "24 HOURS", "1 DAYS", "2 HOURS",
                        "4 HOURS", true),
                grading("risk-grading_r2", "TRAFFIC", "CRITICAL", 0, false, "I", "24 HOURS", "1 DAYS", "2 HOURS",
                        "4 HOURS", false),
                grading("risk-grading_r3", "BUILDING", "HIGH", 30, false, "I", "24 HOURS", "1 DAYS", "2 HOURS",
                        "4 HOURS", true),
                grading("risk-grading_r4", "FOOD_DRUG", "HIGH", 120, false, "I", "24 HOURS", "1 DAYS", "2 HOURS",
                        "4 HOURS", false),
                grading("risk-grading_r5", "STABILITY", "LOW", 5, false, "II", "3 DAYS", "2 DAYS", "4 HOURS",
                        "8 HOURS", false),
                grading("risk-grading_r6", "GAS", "HIGH", 29, false, "II", "3 DAYS", "2 DAYS", "4 HOURS", "8 HOURS",
                        false),
                grading("risk-grading_r7", "WELFARE", "MEDIUM", 1, true, "II", "3 DAYS", "2 DAYS", "4 HOURS",
                        "8 HOURS", false),
                grading("risk-grading_r8", "FLOOD_GEO", "MEDIUM", 10, false, "II", "3 DAYS", "2 DAYS", "4 HOURS",
                        "8 HOURS", false),
                grading("risk-grading_r9", "PUBLIC_ORDER", "MEDIUM", 9, false, "III", "5 WORKING_DAYS",
                        "3 WORKING_DAYS", null, "1 WORKING_DAYS", false),
                grading("risk-grading_r10", "FIRE", "LOW", 1, true, "III", "5 WORKING_DAYS", "3 WORKING_DAYS", null,
                        "1 WORKING_DAYS", false),
                grading("risk-grading_r11", "STABILITY", "LOW", 4, false, "IV", "10 WORKING_DAYS", "5 WORKING_DAYS",
                        null, "2 WORKING_DAYS", false));
    }

    static Stream<Arguments> routingRules() {
        return Stream.of(
                routing("risk-routing_r1", "FIRE", "I", "DEPARTMENT", "EMERGENCY_MGMT"),
                routing("risk-routing_r2", "FIRE", "IV", "GRID", null),
                routing("risk-routing_r3", "GAS", "III", "DEPARTMENT", "GAS"),
                routing("risk-routing_r4", "BUILDING", "II", "DEPARTMENT", "HOUSING"),
                routing("risk-routing_r5", "BUILDING", "III", "GRID", null),
                routing("risk-routing_r6", "FLOOD_GEO", "II", "DEPARTMENT", "EMERGENCY_MGMT"),
                routing("risk-routing_r7", "FLOOD_GEO", "IV", "DEPARTMENT", "NATURAL_RES"),
                routing("risk-routing_r8", "TRAFFIC", "I", "DEPARTMENT", "TRAFFIC_POLICE"),
                routing("risk-routing_r9", "TRAFFIC", "III", "GRID", null),
                routing("risk-routing_r10", "PUBLIC_ORDER", "IV", "DEPARTMENT", "POLICE"),
                routing("risk-routing_r11", "FOOD_DRUG", "II", "DEPARTMENT", "MARKET"),
                routing("risk-routing_r12", "STABILITY", "I", "DEPARTMENT", "JUSTICE"),
                routing("risk-routing_r13", "STABILITY", "IV", "GRID", null),
                routing("risk-routing_r14", "WELFARE", "II", "DEPARTMENT", "CIVIL_AFFAIRS"),
                routing("risk-routing_r15", "WELFARE", "III", "GRID", null));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("gradingRules")
    void gradingRuleGivesItsLevelLimitsAndJointFlag(String rule, String given, Map<String, Object> inputs,
            Map<String, Object> expected) {
        // Given a verified hazard that only this rule (or no earlier one) matches
        // When the grading table is evaluated
        Map<String, Object> answer = evaluate(RiskProcess.GRADING_DECISION, inputs);
        // Then this rule answered, with its level, limits and joint-enforcement flag
        assertThat(Map.of("rule", matchedRule(), "outputs", answer))
                .isEqualTo(Map.of("rule", rule, "outputs", expected));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("routingRules")
    void routingRuleSendsTheDisposalToItsGridOrDepartment(String rule, String given, Map<String, Object> inputs,
            Map<String, Object> expected) {
        // Given a graded hazard of a type and level
        // When the routing table is evaluated
        Map<String, Object> answer = evaluate(RiskProcess.ROUTING_DECISION, inputs);
        // Then exactly this rule answered, with the grid or the department
        assertThat(Map.of("rule", matchedRule(), "outputs", answer))
                .isEqualTo(Map.of("rule", rule, "outputs", expected));
    }

    @Test
    void routingCoversEveryTypeAtEveryLevelWithExactlyOneRule() {
        // Given every type and every level
        for (RiskType type : RiskType.values()) {
            for (RiskLevel level : RiskLevel.values()) {
                // When routed, Then the UNIQUE table answers exactly one row naming a handler
                DmnDecisionTableResult result = engine.getDecisionService().evaluateDecisionTableByKey(
                        RiskProcess.ROUTING_DECISION, Variables.createVariables().putValue("riskType", type.name())
                                .putValue("level", level.name()));
                assertThat(result).as("%s %s", type, level).hasSize(1);
                assertThat(result.getSingleResult().<String>getEntry("handler")).isIn("GRID", "DEPARTMENT");
            }
        }
    }

    @Test
    void gradingGradesEveryTypeAndSeverity() {
        // Given every type and every severity, with nobody and with many people affected
        for (RiskType type : RiskType.values()) {
            for (Severity severity : Severity.values()) {
                for (int people : new int[] {0, 500}) {
                    // When graded, Then some rule gives a level and a disposal limit
                    DmnDecisionTableResult result = engine.getDecisionService().evaluateDecisionTableByKey(
                            RiskProcess.GRADING_DECISION, gradingInputs(type.name(), severity.name(), people, false));
                    assertThat(result.getSingleResult().<String>getEntry("level")).isIn("I", "II", "III", "IV");
                    assertThat(result.getSingleResult().<String>getEntry("disposalLimit")).isNotBlank();
                }
            }
        }
    }

    @Test
    void everyRuleOfBothTablesHasACase() throws Exception {
        // Given the rules of both tables as process owners ship them
        Set<String> rules = new TreeSet<>();
        for (String file : List.of("/processes/risk-grading.dmn", "/processes/risk-routing.dmn")) {
            try (var in = RiskDecisionsTest.class.getResourceAsStream(file)) {
                Dmn.readModelFromStream(in).getModelElementsByType(Rule.class).forEach(r -> rules.add(r.getId()));
            }
        }
        // When the cases above are listed, Then each rule has one
        Set<String> covered = new TreeSet<>();
        Stream.concat(gradingRules(), routingRules()).forEach(a -> covered.add((String) a.get()[0]));
        assertThat(covered).isEqualTo(rules);
    }

    // ---------------------------------------------------------------- helpers

    private static Arguments grading(String rule, String type, String severity, int people, boolean vulnerable,
            String level, String disposal, String reinspectAfter, String instruct, String reinspectLimit,
            boolean joint) {
        Map<String, Object> expected = new HashMap<>();
        expected.put("level", level);
        expected.put("disposalLimit", disposal);
        expected.put("reinspectAfter", reinspectAfter);
        if (instruct != null) { // an empty output cell is no entry at all
            expected.put("instructLimit", instruct);
        }
        expected.put("reinspectLimit", reinspectLimit);
        expected.put("needsJoint", joint);
        return Arguments.of(rule, type + " " + severity + " " + people + "人" + (vulnerable ? " 特殊人群" : ""),
                gradingInputs(type, severity, people, vulnerable), expected);
    }

    private static Map<String, Object> gradingInputs(String type, String severity, int people, boolean vulnerable) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("riskType", type);
        inputs.put("severity", severity);
        inputs.put("peopleAffected", people);
        inputs.put("vulnerable", vulnerable);
        return inputs;
    }

    private static Arguments routing(String rule, String type, String level, String handler, String department) {
        Map<String, Object> expected = new HashMap<>();
        expected.put("handler", handler);
        if (department != null) { // an empty output cell is no entry at all
            expected.put("departmentCode", department);
        }
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("riskType", type);
        inputs.put("level", level);
        return Arguments.of(rule, type + " " + level, inputs, expected);
    }

    private static Map<String, Object> evaluate(String key, Map<String, Object> inputs) {
        // the decision history tells which rule matched: only this evaluation's may be in it
        engine.getHistoryService().createHistoricDecisionInstanceQuery().list()
                .forEach(h -> engine.getHistoryService().deleteHistoricDecisionInstanceByInstanceId(h.getId()));
        DmnDecisionTableResult result = engine.getDecisionService().evaluateDecisionTableByKey(key,
                Variables.fromMap(inputs));
        assertThat(result).hasSize(1);
        return new HashMap<>(result.getSingleResult().getEntryMap());
    }

    /** The rule of the latest evaluation, from the decision history. */
    private static String matchedRule() {
        HistoricDecisionInstance latest = engine.getHistoryService().createHistoricDecisionInstanceQuery()
                .includeOutputs().singleResult();
        List<String> rules = new ArrayList<>();
        for (HistoricDecisionOutputInstance output : latest.getOutputs()) {
            if (!rules.contains(output.getRuleId())) {
                rules.add(output.getRuleId());
            }
        }
        assertThat(rules).hasSize(1);
        return rules.get(0);
    }
}

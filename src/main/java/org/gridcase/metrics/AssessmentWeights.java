package org.gridcase.metrics;

import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The weights of the assessment score from {@code processes/assessment-weights.dmn} (month → weights): a process
 * owner changes them in the Modeler and deploys, never here (as {@code case-sla.dmn} is read by SlaPolicy).
 */
@Component
class AssessmentWeights {

    static final String DECISION = "assessment-weights";

    private final DecisionService decisions;

    AssessmentWeights(DecisionService decisions) {
        this.decisions = decisions;
    }

    /**
     * The weights in force for a month ({@code yyyy-MM}). In a transaction of its own: the engine writes the
     * evaluation's decision history, which the metrics' read-only transaction refuses on MySQL/MariaDB.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    Assessment.Weights of(String month) {
        DmnDecisionRuleResult row = decisions.evaluateDecisionTableByKey(DECISION,
                Variables.createVariables().putValue("month", month)).getSingleResult();
        if (row == null) {
            throw new IllegalStateException("assessment-weights.dmn has no rule for " + month);
        }
        return new Assessment.Weights(number(row, "onTimeWeight"), number(row, "satisfactionWeight"),
                number(row, "reopenWeight"), number(row, "returnPenalty"), number(row, "supervisionPenalty"));
    }

    private static double number(DmnDecisionRuleResult row, String name) {
        if (!(row.getEntry(name) instanceof Number n) || n.doubleValue() < 0) {
            throw new IllegalStateException("assessment-weights.dmn output " + name + " is not a number >= 0: "
                    + row.getEntry(name));
        }
        return n.doubleValue();
    }
}

package org.gridcase.escalation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateVariableMapping;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.stereotype.Component;

/**
 * The variables a case process passes to its lights and ladder ({@code case-clock}): exactly
 * {@link ClockProcess#INPUTS}, those it has. Nothing comes back: the clock's changes (level, group, next step) stay
 * in the clock, and the case record keeps the level for everyone else. Every kind's call activity names this one
 * mapping, so a kind never lists the clock's inputs itself.
 */
@Component("caseClockInputs")
class ClockInputs implements DelegateVariableMapping {

    @Override
    public void mapInputVariables(DelegateExecution caseProcess, VariableMap clock) {
        for (String name : ClockProcess.INPUTS) {
            if (caseProcess.hasVariable(name)) {
                clock.putValueTyped(name, caseProcess.getVariableTyped(name));
            }
        }
    }

    @Override
    public void mapOutputVariables(DelegateExecution caseProcess, VariableScope clock) {
        // nothing: see the class comment
    }
}

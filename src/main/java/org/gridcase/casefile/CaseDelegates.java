package org.gridcase.casefile;

import static org.gridcase.casefile.CaseVariables.*;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Adapters every case process uses: limits from the SLA table, closing, merging, an unexpected value. */
final class CaseDelegates {

    private CaseDelegates() {
    }

    /** Optional variable {@code handlingLimit}: a kind's own handling limit replaces the table's. */
    @Component("scheduleDeadlines")
    static class ScheduleDeadlines implements JavaDelegate {
        private final CaseDeadlines deadlines;

        ScheduleDeadlines(CaseDeadlines deadlines) {
            this.deadlines = deadlines;
        }

        @Override
        public void execute(DelegateExecution execution) {
            execution.setVariables(deadlines.schedule((String) execution.getVariable(TRACKING_NUMBER),
                    (String) execution.getVariable(HANDLING_LIMIT)));
        }
    }

    /** Input parameters {@code outcome} (the final status), optional {@code note} and {@code actor}. */
    @Component("finishCase")
    static class FinishCase implements JavaDelegate {
        private final CaseClosing closing;

        FinishCase(CaseClosing closing) {
            this.closing = closing;
        }

        @Override
        public void execute(DelegateExecution execution) {
            closing.finish((String) execution.getVariable(TRACKING_NUMBER),
                    CaseStatus.valueOf((String) execution.getVariableLocal(OUTCOME)),
                    text(execution.getVariableLocal("actor")), text(execution.getVariableLocal(NOTE)),
                    text(execution.getVariable(SATISFACTION)));
        }
    }

    /** Into the case {@code duplicateOf}; optional input parameter {@code note}. */
    @Component("mergeCase")
    static class MergeCase implements JavaDelegate {
        private final CaseClosing closing;

        MergeCase(CaseClosing closing) {
            this.closing = closing;
        }

        @Override
        public void execute(DelegateExecution execution) {
            closing.merge((String) execution.getVariable(TRACKING_NUMBER), (String) execution.getVariable(DUPLICATE_OF),
                    text(execution.getVariableLocal(NOTE)));
        }
    }

    /**
     * The default flow of every decision gateway ends here (asynchronously): a value the model does not expect
     * fails the job, and Cockpit shows an incident at this activity instead of the case taking the happy path.
     * Optional input parameter {@code variable}: the variable the gateway decided on, shown in the incident.
     */
    @Component("unexpectedOutcome")
    static class UnexpectedOutcome implements JavaDelegate {

        @Override
        public void execute(DelegateExecution execution) {
            Object variable = execution.getVariableLocal("variable");
            String shown = variable == null ? "" : "; " + variable + " = " + execution.getVariable(variable.toString());
            throw new ProcessEngineException("Case " + execution.getVariable(TRACKING_NUMBER) + ": no flow for this "
                    + "value at " + execution.getCurrentActivityId() + shown + ". Correct the variable, then retry.");
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}

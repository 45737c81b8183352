package org.gridcase.casefile;

import static org.gridcase.casefile.CaseVariables.*;

import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.gridcase.support.NeedsOperatorException;
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
     * The default flow of every decision gateway runs this check (asynchronously): a value the model does not expect
     * fails the job, and Cockpit shows an incident here instead of the case taking the happy path. Once an operator
     * has corrected the variable, a retry passes and the flow goes back to the gateway, which decides again.
     * Input parameters: {@code variable} (the name the gateway decides on) and either {@code expected} (its values,
     * comma-separated) or {@code valid} (a boolean expression). No retry can fix such a value: the job goes to its
     * incident at once ({@link NeedsOperatorException}), not through the retries with back-off.
     */
    @Component("unexpectedOutcome")
    static class UnexpectedOutcome implements JavaDelegate {

        @Override
        public void execute(DelegateExecution execution) {
            String variable = String.valueOf(execution.getVariableLocal("variable"));
            Object value = execution.getVariable(variable);
            Object expected = execution.getVariableLocal("expected");
            Object valid = execution.getVariableLocal("valid");
            boolean ok = expected != null ? value != null && Set.of(expected.toString().split(",")).contains(value.toString())
                    : Boolean.TRUE.equals(valid);
            if (!ok) {
                throw new NeedsOperatorException("Case " + execution.getVariable(TRACKING_NUMBER) + ": the gateway has "
                        + "no flow for " + variable + " = " + value + (expected == null ? "" : " (expected one of "
                        + expected + ")") + ". Correct the variable in Cockpit, then retry this job.");
            }
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}

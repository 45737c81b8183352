package org.gridcase.casefile;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Delegates every case process uses: deadlines from the SLA table, closing, merging. */
final class CaseDelegates {

    private CaseDelegates() {
    }

    @Component("scheduleDeadlines")
    static class ScheduleDeadlines implements JavaDelegate {
        private final CaseDeadlines deadlines;

        ScheduleDeadlines(CaseDeadlines deadlines) {
            this.deadlines = deadlines;
        }

        @Override
        public void execute(DelegateExecution execution) {
            deadlines.schedule(execution);
        }
    }

    @Component("finishCase")
    static class FinishCase implements JavaDelegate {
        private final CaseClosing closing;

        FinishCase(CaseClosing closing) {
            this.closing = closing;
        }

        @Override
        public void execute(DelegateExecution execution) {
            closing.finish(execution);
        }
    }

    @Component("mergeCase")
    static class MergeCase implements JavaDelegate {
        private final CaseClosing closing;

        MergeCase(CaseClosing closing) {
            this.closing = closing;
        }

        @Override
        public void execute(DelegateExecution execution) {
            closing.merge(execution);
        }
    }
}

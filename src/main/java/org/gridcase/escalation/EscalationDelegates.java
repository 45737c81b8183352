package org.gridcase.escalation;

import static org.gridcase.casefile.CaseVariables.*;

import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.gridcase.casefile.CaseEventType;
import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.Cases;
import org.gridcase.casefile.FormCheck;
import org.gridcase.registry.Registry;
import org.springframework.stereotype.Component;

/** Delegates of the shared escalation mechanisms (reminder, ladder, supervision, leader sign-off). */
final class EscalationDelegates {

    private EscalationDelegates() {
    }

    @Component("remindHandler")
    static class Remind implements JavaDelegate {
        private final EscalationSteps steps;

        Remind(EscalationSteps steps) {
            this.steps = steps;
        }

        @Override
        public void execute(DelegateExecution execution) {
            steps.remind(execution);
        }
    }

    @Component("escalateCase")
    static class Escalate implements JavaDelegate {
        private final EscalationSteps steps;

        Escalate(EscalationSteps steps) {
            this.steps = steps;
        }

        @Override
        public void execute(DelegateExecution execution) {
            steps.escalate(execution);
        }
    }

    @Component("registerSupervision")
    static class Supervise implements JavaDelegate {
        private final EscalationSteps steps;

        Supervise(EscalationSteps steps) {
            this.steps = steps;
        }

        @Override
        public void execute(DelegateExecution execution) {
            steps.supervise(execution);
        }
    }

    @Component("supervisionOverdue")
    static class SupervisionOverdue implements JavaDelegate {
        private final EscalationSteps steps;

        SupervisionOverdue(EscalationSteps steps) {
            this.steps = steps;
        }

        @Override
        public void execute(DelegateExecution execution) {
            steps.supervisionOverdue(execution);
        }
    }

    @Component("prepareSignoff")
    static class PrepareSignoff implements JavaDelegate {
        private final EscalationSteps steps;

        PrepareSignoff(EscalationSteps steps) {
            this.steps = steps;
        }

        @Override
        public void execute(DelegateExecution execution) {
            steps.prepareSignoff(execution);
        }
    }

    @Component("recordSignoff")
    static class RecordSignoff implements JavaDelegate {
        private final EscalationSteps steps;

        RecordSignoff(EscalationSteps steps) {
            this.steps = steps;
        }

        @Override
        public void execute(DelegateExecution execution) {
            steps.recordSignoff(execution);
        }
    }

    @Component("applySignoff")
    static class ApplySignoff implements JavaDelegate {
        private final EscalationSteps steps;

        ApplySignoff(EscalationSteps steps) {
            this.steps = steps;
        }

        @Override
        public void execute(DelegateExecution execution) {
            steps.applySignoff(execution);
        }
    }

    /** 督促办理: the level records what it did to push the case. */
    @Component("checkPush")
    static class CheckPush implements TaskListener {
        private final Cases cases;

        CheckPush(Cases cases) {
            this.cases = cases;
        }

        @Override
        public void notify(DelegateTask task) {
            FormCheck.of(task).text(PUSH_NOTE, "督促情况", true, CaseFile.NOTE_LENGTH).orReject();
            cases.record((String) task.getVariable(TRACKING_NUMBER), task.getAssignee(), CaseEventType.PUSHED,
                    task.getVariable(ESCALATION_LEVEL_NAME) + "：" + task.getVariable(PUSH_NOTE));
        }
    }

    /** 领导签批: a decision that can be carried out. */
    @Component("checkSignoff")
    static class CheckSignoff implements TaskListener {
        private final Registry registry;
        private final Cases cases;

        CheckSignoff(Registry registry, Cases cases) {
            this.registry = registry;
            this.cases = cases;
        }

        @Override
        public void notify(DelegateTask task) {
            FormCheck check = FormCheck.of(task)
                    .oneOf(SIGNOFF_DECISION, "签批意见",
                            Set.of("ASSIGN_DEPARTMENT", "NEW_LIMIT", "MERGE", "CLOSE_UNRESOLVABLE"))
                    .text(SIGNOFF_NOTE, "签批意见", true, CaseFile.NOTE_LENGTH);
            if (check.is(SIGNOFF_DECISION, "ASSIGN_DEPARTMENT")) {
                Object department = task.getVariable(SIGNOFF_DEPARTMENT);
                check.require(department instanceof String d && registry.department(d).isPresent(), "改派部门不存在");
            }
            if (check.is(SIGNOFF_DECISION, "ASSIGN_DEPARTMENT") || check.is(SIGNOFF_DECISION, "NEW_LIMIT")) {
                check.number(SIGNOFF_LIMIT_DAYS, "新办结时限", 1, 60);
            }
            if (check.is(SIGNOFF_DECISION, "MERGE")) {
                Object target = task.getVariable(DUPLICATE_OF);
                check.require(target instanceof String t && !t.equals(task.getVariable(TRACKING_NUMBER))
                        && cases.find(t).isPresent(), "合并到的案件编号不存在");
            }
            check.orReject();
            task.setVariable("signedOffBy", task.getAssignee());
        }
    }
}

package org.gridcase.escalation;

import static org.gridcase.casefile.CaseVariables.*;

import java.util.Date;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.gridcase.casefile.CaseEventType;
import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.Cases;
import org.gridcase.casefile.FormCheck;
import org.gridcase.registry.Registry;
import org.springframework.stereotype.Component;

/**
 * Adapters of the shared escalation blocks ({@code case-clock}, {@code case-supervision}, {@code leader-signoff}
 * and the task-limit timer): read variables, call one step of {@link EscalationSteps}, write variables.
 */
final class EscalationDelegates {

    private EscalationDelegates() {
    }

    private static String tn(DelegateExecution execution) {
        return (String) execution.getVariable(TRACKING_NUMBER);
    }

    private static int number(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        if (!(value instanceof Number n)) {
            throw new IllegalStateException("Variable " + name + " is not a number: " + value);
        }
        return n.intValue();
    }

    @Component("remindHandler")
    static class Remind implements JavaDelegate {
        private final EscalationSteps steps;

        Remind(EscalationSteps steps) {
            this.steps = steps;
        }

        @Override
        public void execute(DelegateExecution execution) {
            steps.remind(tn(execution));
        }
    }

    /** Input parameter {@code raise}: false announces the level the case is already at. */
    @Component("escalateCase")
    static class Escalate implements JavaDelegate {
        private final EscalationSteps steps;

        Escalate(EscalationSteps steps) {
            this.steps = steps;
        }

        @Override
        public void execute(DelegateExecution execution) {
            Object raise = execution.getVariableLocal("raise");
            execution.setVariables(steps.escalate(tn(execution), number(execution, ESCALATION_LEVEL),
                    number(execution, LADDER_TOP), (String) execution.getVariable(ESCALATION_STEP),
                    raise == null || Boolean.parseBoolean(raise.toString())));
        }
    }

    /** End listener of the lights-and-ladder call activity: the case moved on, the ladder's tasks are gone. */
    @Component("ladderStopped")
    static class LadderStopped implements ExecutionListener {
        private final Cases cases;

        LadderStopped(Cases cases) {
            this.cases = cases;
        }

        @Override
        public void notify(DelegateExecution execution) {
            cases.find(tn(execution)).filter(file -> file.getEscalationLevel() > 0 && !file.getStatus().finished())
                    .ifPresent(file -> cases.record(file.getTrackingNumber(), null, CaseEventType.LADDER_STOPPED,
                            "案件已离开办理环节，停止逐级升级（已至第 " + file.getEscalationLevel() + " 级），督促任务已取消"));
        }
    }

    /**
     * Input parameters {@code limitName} (核实时限), {@code group} (who holds the task) and optional
     * {@code tellLadder} ("false": the ladder's first rung is not told).
     */
    @Component("taskOverdue")
    static class TaskOverdue implements JavaDelegate {
        private final EscalationSteps steps;

        TaskOverdue(EscalationSteps steps) {
            this.steps = steps;
        }

        @Override
        public void execute(DelegateExecution execution) {
            Object tellLadder = execution.getVariableLocal("tellLadder");
            steps.taskOverdue(tn(execution), (String) execution.getVariableLocal(LIMIT_NAME),
                    (String) execution.getVariableLocal("group"),
                    tellLadder == null || Boolean.parseBoolean(tellLadder.toString()));
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
            execution.setVariables(steps.supervise(tn(execution), (Date) execution.getVariable(SUPERVISION_DUE_AT),
                    (String) execution.getVariable(SUPERVISED_BY), (String) execution.getVariable(SUPERVISION_NOTE),
                    (String) execution.getVariable(SUPERVISION_LIMIT)));
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
            steps.supervisionOverdue(tn(execution));
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
            execution.setVariables(steps.prepareSignoff(tn(execution), (String) execution.getVariable(SIGNOFF_REASON),
                    (String) execution.getVariable(SIGNOFF_LIMIT)));
        }
    }

    @Component("signoffOverdue")
    static class SignoffOverdue implements JavaDelegate {
        private final EscalationSteps steps;

        SignoffOverdue(EscalationSteps steps) {
            this.steps = steps;
        }

        @Override
        public void execute(DelegateExecution execution) {
            steps.signoffOverdue(tn(execution), (String) execution.getVariable(SIGNOFF_GROUP));
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
            steps.recordSignoff(tn(execution), (String) execution.getVariable("signedOffBy"),
                    (String) execution.getVariable(SIGNOFF_DECISION), (String) execution.getVariable(SIGNOFF_NOTE));
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
            execution.setVariables(steps.applySignoff(tn(execution), (String) execution.getVariable(SIGNOFF_DECISION),
                    (String) execution.getVariable(SIGNOFF_DEPARTMENT),
                    (Number) execution.getVariable(SIGNOFF_LIMIT_DAYS)));
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
                            Set.of(SignoffProcess.ASSIGN_DEPARTMENT, SignoffProcess.NEW_LIMIT,
                                    SignoffProcess.MERGE, SignoffProcess.CLOSE_UNRESOLVABLE))
                    .text(SIGNOFF_NOTE, "签批意见", true, CaseFile.NOTE_LENGTH);
            if (check.is(SIGNOFF_DECISION, SignoffProcess.ASSIGN_DEPARTMENT)) {
                Object department = task.getVariable(SIGNOFF_DEPARTMENT);
                check.require(department instanceof String d && registry.department(d).isPresent(), "改派部门不存在");
            }
            if (check.is(SIGNOFF_DECISION, SignoffProcess.ASSIGN_DEPARTMENT) || check.is(SIGNOFF_DECISION, SignoffProcess.NEW_LIMIT)) {
                check.number(SIGNOFF_LIMIT_DAYS, "新办结时限", 1, 60);
            }
            if (check.is(SIGNOFF_DECISION, SignoffProcess.MERGE)) {
                Object target = task.getVariable(DUPLICATE_OF);
                check.require(target instanceof String t && !t.equals(task.getVariable(TRACKING_NUMBER))
                        && cases.find(t).isPresent(), "合并到的案件编号不存在");
            }
            check.orReject();
            task.setVariable("signedOffBy", task.getAssignee());
        }
    }
}

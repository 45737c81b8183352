package org.gridcase.request;

import static org.gridcase.casefile.CaseVariables.*;
import static org.gridcase.request.RequestProcess.*;

import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.gridcase.casefile.CaseEventType;
import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.CaseStatus;
import org.gridcase.casefile.Cases;
import org.gridcase.casefile.FormCheck;
import org.gridcase.registry.Registry;
import org.springframework.stereotype.Component;

/** The Java side of {@code request.bpmn}: adapters from variables to {@link RequestSteps} and the case record. */
final class RequestDelegates {

    private RequestDelegates() {
    }

    private static String tn(DelegateExecution execution) {
        return (String) execution.getVariable(TRACKING_NUMBER);
    }

    @Component("routeRequest")
    static class Route implements JavaDelegate {
        private final RequestSteps steps;

        Route(RequestSteps steps) {
            this.steps = steps;
        }

        @Override
        public void execute(DelegateExecution execution) {
            execution.setVariables(steps.route(tn(execution), (String) execution.getVariable(CATEGORY),
                    (String) execution.getVariable(GRID_CODE)));
        }
    }

    @Component("dispatchCase")
    static class Dispatch implements JavaDelegate {
        private final RequestSteps steps;

        Dispatch(RequestSteps steps) {
            this.steps = steps;
        }

        @Override
        public void execute(DelegateExecution execution) {
            steps.dispatch(tn(execution), (String) execution.getVariable(HANDLER_GROUP),
                    (String) execution.getVariable(HANDLER_NAME));
        }
    }

    @Component("transferToDepartment")
    static class Transfer implements JavaDelegate {
        private final RequestSteps steps;

        Transfer(RequestSteps steps) {
            this.steps = steps;
        }

        @Override
        public void execute(DelegateExecution execution) {
            execution.setVariables(steps.transferToDepartment(tn(execution),
                    (String) execution.getVariable(DEPARTMENT_CODE)));
        }
    }

    @Component("redispatchCase")
    static class Redispatch implements JavaDelegate {
        private final RequestSteps steps;

        Redispatch(RequestSteps steps) {
            this.steps = steps;
        }

        @Override
        public void execute(DelegateExecution execution) {
            execution.setVariables(steps.redispatch(tn(execution), (String) execution.getVariable(REDISPATCH_TARGET),
                    (String) execution.getVariable(REDISPATCH_GRID), (String) execution.getVariable(REDISPATCH_DEPARTMENT),
                    (String) execution.getVariable(REDISPATCH_NOTE)));
        }
    }

    @Component("reopenCase")
    static class Reopen implements JavaDelegate {
        private final RequestSteps steps;

        Reopen(RequestSteps steps) {
            this.steps = steps;
        }

        @Override
        public void execute(DelegateExecution execution) {
            execution.setVariables(steps.reopen(tn(execution),
                    ((Number) execution.getVariable(REOPEN_COUNT)).intValue(),
                    ((Number) execution.getVariable(MAX_REOPENS)).intValue(), execution.getVariable(SURVEY_COMMENT)));
        }
    }

    /** 核实研判: checks the form, records the verification on the timeline. */
    @Component("checkVerification")
    static class CheckVerification implements TaskListener {
        private final Cases cases;

        CheckVerification(Cases cases) {
            this.cases = cases;
        }

        @Override
        public void notify(DelegateTask task) {
            FormCheck check = FormCheck.of(task)
                    .oneOf(VERIFY_OUTCOME, "核实结果", Set.of(VALID, INVALID, DUPLICATE))
                    .text(VERIFY_NOTE, "核实情况", true, CaseFile.NOTE_LENGTH);
            if (check.is(VERIFY_OUTCOME, DUPLICATE)) {
                Object target = task.getVariable(DUPLICATE_OF);
                String self = (String) task.getVariable(TRACKING_NUMBER);
                check.require(target instanceof String t && !t.equals(self) && cases.find(t).isPresent(),
                        "重复的案件编号不存在");
            }
            check.orReject();
            String tn = (String) task.getVariable(TRACKING_NUMBER);
            cases.record(tn, task.getAssignee(), CaseEventType.VERIFIED,
                    outcomeLabel((String) task.getVariable(VERIFY_OUTCOME)) + "：" + task.getVariable(VERIFY_NOTE));
        }

        private static String outcomeLabel(String outcome) {
            return switch (outcome) {
                case VALID -> "属实";
                case INVALID -> "无效";
                default -> "重复件";
            };
        }
    }

    /** 办理诉求: checks the form, records the result, remembers why a hard case goes to the leader. */
    @Component("checkHandling")
    static class CheckHandling implements TaskListener {
        private final Cases cases;

        CheckHandling(Cases cases) {
            this.cases = cases;
        }

        @Override
        public void notify(DelegateTask task) {
            FormCheck check = FormCheck.of(task)
                    .oneOf(HANDLING_OUTCOME, "办理结果", Set.of(RequestProcess.RESOLVED, RETURN, TRANSFER, SIGNOFF))
                    .text(HANDLING_NOTE, "办理情况", true, 2000)
                    .text(EVIDENCE, "佐证材料", false, 500);
            if (check.is(HANDLING_OUTCOME, TRANSFER)) {
                check.require(task.getVariable(DEPARTMENT_CODE) != null, "该分类没有责任部门，请退单由调度员改派");
                check.require(HandlingOptions.mayTransfer((String) task.getVariable(HANDLER_GROUP),
                        (String) task.getVariable(DEPARTMENT_CODE)), "只有网格可以转责任部门");
            }
            check.orReject();
            String tn = (String) task.getVariable(TRACKING_NUMBER);
            String outcome = (String) task.getVariable(HANDLING_OUTCOME);
            String note = (String) task.getVariable(HANDLING_NOTE);
            switch (outcome) {
                case RETURN -> cases.status(tn, CaseStatus.REDISPATCHING, task.getAssignee(), CaseEventType.RETURNED,
                        note);
                case SIGNOFF -> task.setVariable(SIGNOFF_REASON, "承办人提请：" + note);
                case TRANSFER -> cases.record(tn, task.getAssignee(), CaseEventType.HANDLED, "网格无法解决：" + note);
                default -> cases.record(tn, task.getAssignee(), CaseEventType.HANDLED, note);
            }
        }
    }

    /** 重新派单: the dispatcher names a real grid or a department. */
    @Component("checkRedispatch")
    static class CheckRedispatch implements TaskListener {
        private final Registry registry;

        CheckRedispatch(Registry registry) {
            this.registry = registry;
        }

        @Override
        public void notify(DelegateTask task) {
            FormCheck check = FormCheck.of(task)
                    .oneOf(REDISPATCH_TARGET, "改派到", Set.of("GRID", "DEPARTMENT"))
                    .text(REDISPATCH_NOTE, "派单说明", true, CaseFile.NOTE_LENGTH);
            if (check.is(REDISPATCH_TARGET, "GRID")) {
                Object grid = task.getVariable(REDISPATCH_GRID);
                check.require(grid instanceof String g && registry.area(g).isPresent(), "网格编码不存在");
            } else if (check.is(REDISPATCH_TARGET, "DEPARTMENT")) {
                Object department = task.getVariable(REDISPATCH_DEPARTMENT);
                check.require(department instanceof String d && registry.department(d).isPresent(), "部门不存在");
            }
            check.orReject();
        }
    }
}

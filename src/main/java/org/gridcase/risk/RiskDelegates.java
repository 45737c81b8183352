package org.gridcase.risk;

import static org.gridcase.casefile.CaseVariables.*;
import static org.gridcase.risk.RiskProcess.*;

import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.FormCheck;
import org.springframework.stereotype.Component;

/**
 * The Java side of {@code risk-report.bpmn}: each delegate reads its variables, calls one {@link RiskSteps} method
 * and writes what it answered; each task listener checks its form (the server's second look) and records it.
 */
final class RiskDelegates {

    private RiskDelegates() {
    }

    /** 评定风险等级: risk-grading.dmn on what the grid leader verified. */
    @Component("gradeRisk")
    static class Grade implements JavaDelegate {
        private final RiskSteps steps;

        Grade(RiskSteps steps) {
            this.steps = steps;
        }

        @Override
        public void execute(DelegateExecution execution) {
            execution.setVariables(steps.grade(trackingNumber(execution),
                    Severity.valueOf((String) execution.getVariable(SEVERITY)),
                    ((Number) execution.getVariable(PEOPLE_AFFECTED)).intValue(),
                    Boolean.TRUE.equals(execution.getVariable(VULNERABLE))));
        }
    }

    /** 确定处置单位: risk-routing.dmn. */
    @Component("routeRisk")
    static class Route implements JavaDelegate {
        private final RiskSteps steps;

        Route(RiskSteps steps) {
            this.steps = steps;
        }

        @Override
        public void execute(DelegateExecution execution) {
            execution.setVariables(steps.route(trackingNumber(execution), (String) execution.getVariable(GRID_CODE),
                    RiskLevel.valueOf((String) execution.getVariable(RISK_LEVEL))));
        }
    }

    /** 直报镇领导: the town's leaders are told and each gets a 领导批示 task. */
    @Component("reportRiskToLeaders")
    static class ReportToLeaders implements JavaDelegate {
        private final RiskSteps steps;

        ReportToLeaders(RiskSteps steps) {
            this.steps = steps;
        }

        @Override
        public void execute(DelegateExecution execution) {
            execution.setVariables(steps.reportToLeaders(trackingNumber(execution),
                    (String) execution.getVariable(GRID_CODE), (String) execution.getVariable(INSTRUCT_LIMIT)));
        }
    }

    /** 登记联合执法: the hook where the joint-enforcement process will be called. */
    @Component("recordJointEnforcement")
    static class JointEnforcement implements JavaDelegate {
        private final RiskSteps steps;

        JointEnforcement(RiskSteps steps) {
            this.steps = steps;
        }

        @Override
        public void execute(DelegateExecution execution) {
            steps.requestJointEnforcement(trackingNumber(execution));
        }
    }

    /** 派发处置任务: to the grid or department, which is told. */
    @Component("dispatchRisk")
    static class Dispatch implements JavaDelegate {
        private final RiskSteps steps;

        Dispatch(RiskSteps steps) {
            this.steps = steps;
        }

        @Override
        public void execute(DelegateExecution execution) {
            steps.dispatch(trackingNumber(execution), (String) execution.getVariable(HANDLER_GROUP),
                    (String) execution.getVariable(HANDLER_NAME));
        }
    }

    /** 安排复查: when the grid re-inspects, and by when. */
    @Component("scheduleReinspection")
    static class ScheduleReinspection implements JavaDelegate {
        private final RiskSteps steps;

        ScheduleReinspection(RiskSteps steps) {
            this.steps = steps;
        }

        @Override
        public void execute(DelegateExecution execution) {
            execution.setVariables(steps.scheduleReinspection(trackingNumber(execution),
                    (String) execution.getVariable(GRID_CODE), (String) execution.getVariable(REINSPECT_AFTER),
                    (String) execution.getVariable(REINSPECT_LIMIT)));
        }
    }

    /** 提级重新处置: the hazard persists, disposal starts again one rung up the ladder. */
    @Component("raiseRiskDisposal")
    static class RaiseDisposal implements JavaDelegate {
        private final RiskSteps steps;

        RaiseDisposal(RiskSteps steps) {
            this.steps = steps;
        }

        @Override
        public void execute(DelegateExecution execution) {
            execution.setVariables(steps.raiseDisposal(trackingNumber(execution)));
        }
    }

    /** 核实隐患: a finding that can be graded, or the reason it is unfounded. */
    @Component("checkRiskVerification")
    static class CheckVerification implements TaskListener {
        private final RiskSteps steps;

        CheckVerification(RiskSteps steps) {
            this.steps = steps;
        }

        @Override
        public void notify(DelegateTask task) {
            FormCheck check = FormCheck.of(task)
                    .oneOf(VERIFY_OUTCOME, "核实结果", Set.of(CONFIRMED, UNFOUNDED))
                    .text(VERIFY_NOTE, "核实情况", true, CaseFile.NOTE_LENGTH);
            boolean confirmed = check.is(VERIFY_OUTCOME, CONFIRMED);
            if (confirmed) {
                check.oneOf(SEVERITY, "现场严重程度", Set.of("LOW", "MEDIUM", "HIGH", "CRITICAL"))
                        .number(PEOPLE_AFFECTED, "影响人数", 0, RiskIntake.MAX_PEOPLE)
                        .require(task.getVariable(VULNERABLE) == null || task.getVariable(VULNERABLE) instanceof Boolean,
                                "涉及特殊人群必须选择是或否");
            }
            check.orReject();
            steps.recordVerification(trackingNumber(task), task.getAssignee(), confirmed,
                    ((String) task.getVariable(VERIFY_NOTE)).strip());
        }
    }

    /** 领导批示: the leader's instruction, on the timeline under his name. */
    @Component("checkInstruction")
    static class CheckInstruction implements TaskListener {
        private final RiskSteps steps;

        CheckInstruction(RiskSteps steps) {
            this.steps = steps;
        }

        @Override
        public void notify(DelegateTask task) {
            FormCheck.of(task).text(INSTRUCTION, "批示意见", true, CaseFile.NOTE_LENGTH).orReject();
            steps.recordInstruction(trackingNumber(task), task.getAssignee(),
                    ((String) task.getVariable(INSTRUCTION)).strip());
        }
    }

    /** 处置隐患: the measures taken. */
    @Component("checkDisposal")
    static class CheckDisposal implements TaskListener {
        private final RiskSteps steps;

        CheckDisposal(RiskSteps steps) {
            this.steps = steps;
        }

        @Override
        public void notify(DelegateTask task) {
            FormCheck.of(task)
                    .text(MEASURES, "处置措施", true, RiskReport.MEASURES_LENGTH)
                    .text(EVIDENCE, "佐证材料", false, 500)
                    .orReject();
            steps.recordDisposal(trackingNumber(task), task.getAssignee(), ((String) task.getVariable(MEASURES)).strip());
        }
    }

    /** 复查隐患: eliminated or not, and what the grid worker found. */
    @Component("checkReinspection")
    static class CheckReinspection implements TaskListener {
        private final RiskSteps steps;

        CheckReinspection(RiskSteps steps) {
            this.steps = steps;
        }

        @Override
        public void notify(DelegateTask task) {
            FormCheck check = FormCheck.of(task)
                    .oneOf(REINSPECT_OUTCOME, "复查结果", Set.of(ELIMINATED, PERSISTS))
                    .text(REINSPECT_NOTE, "复查情况", true, CaseFile.NOTE_LENGTH);
            check.orReject();
            steps.recordReinspection(trackingNumber(task), task.getAssignee(), check.is(REINSPECT_OUTCOME, ELIMINATED),
                    ((String) task.getVariable(REINSPECT_NOTE)).strip());
        }
    }

    private static String trackingNumber(DelegateExecution execution) {
        return (String) execution.getVariable(TRACKING_NUMBER);
    }

    private static String trackingNumber(DelegateTask task) {
        return (String) task.getVariable(TRACKING_NUMBER);
    }
}

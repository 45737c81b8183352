package org.gridcase.survey;

import static org.gridcase.casefile.CaseVariables.*;
import static org.gridcase.survey.SurveyProcess.*;

import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.gridcase.casefile.FormCheck;
import org.springframework.stereotype.Component;

/** Delegates of {@code callback-survey.bpmn}. */
final class SurveyDelegates {

    private SurveyDelegates() {
    }

    @Component("sendSurveyLink")
    static class SendLink implements JavaDelegate {
        private final SurveyService survey;

        SendLink(SurveyService survey) {
            this.survey = survey;
        }

        @Override
        public void execute(DelegateExecution execution) {
            execution.setVariables(survey.sendLink((String) execution.getVariable(TRACKING_NUMBER),
                    execution.getProcessInstanceId(), (String) execution.getVariable(SURVEY_LINK_LIMIT),
                    (String) execution.getVariable(PHONE_CALLBACK_LIMIT)));
        }
    }

    @Component("recordSurvey")
    static class Record implements JavaDelegate {
        private final SurveyService survey;

        Record(SurveyService survey) {
            this.survey = survey;
        }

        @Override
        public void execute(DelegateExecution execution) {
            survey.record((String) execution.getVariable(TRACKING_NUMBER),
                    (String) execution.getVariable(SATISFACTION), execution.getVariable(RESOLVED),
                    execution.getVariable(SURVEY_COMMENT), (String) execution.getVariable(SURVEYED_BY));
        }
    }

    @Component("markNotReached")
    static class NotReached implements JavaDelegate {
        private final SurveyService survey;

        NotReached(SurveyService survey) {
            this.survey = survey;
        }

        @Override
        public void execute(DelegateExecution execution) {
            execution.setVariables(survey.notReached());
        }
    }

    /** 电话回访: reached → satisfaction and resolved are required; not reached → NOT_REACHED. */
    @Component("checkSurvey")
    static class CheckSurvey implements TaskListener {

        @Override
        public void notify(DelegateTask task) {
            FormCheck check = FormCheck.of(task).oneOf(REACHED, "是否联系上", Set.of("YES", "NO"))
                    .text(SURVEY_COMMENT, "回访记录", false, 1000);
            if (check.is(REACHED, "YES")) {
                check.oneOf(SATISFACTION_ANSWER, "满意度", SurveyService.ANSWERS)
                        .oneOf(RESOLVED_ANSWER, "问题是否解决", Set.of("YES", "NO"));
            }
            check.orReject();
            if (check.is(REACHED, "YES")) {
                task.setVariable(SATISFACTION, task.getVariable(SATISFACTION_ANSWER));
                task.setVariable(RESOLVED, "YES".equals(task.getVariable(RESOLVED_ANSWER)));
            } else {
                task.setVariable(SATISFACTION, SurveyService.NOT_REACHED);
                task.setVariable(RESOLVED, null);
            }
            task.setVariable(SURVEYED_BY, task.getAssignee());
        }
    }
}

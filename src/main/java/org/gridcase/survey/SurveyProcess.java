package org.gridcase.survey;

/** Names of {@code processes/callback-survey.bpmn} used from Java. */
public final class SurveyProcess {

    public static final String PROCESS_ID = "callback-survey";
    public static final String TASK_PHONE = "PhoneSurvey";
    public static final String PHONE_TIMEOUT = "PhoneTimeout";

    // form variables of the phone callback
    public static final String REACHED = "reached";
    public static final String SATISFACTION_ANSWER = "satisfactionAnswer";
    public static final String RESOLVED_ANSWER = "resolvedAnswer";
    public static final String SURVEYED_BY = "surveyedBy";

    private SurveyProcess() {
    }
}

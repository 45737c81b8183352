package org.gridcase.survey;

import static org.gridcase.casefile.CaseVariables.*;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.gridcase.casefile.CaseAlerts;
import org.gridcase.casefile.CaseClosing;
import org.gridcase.casefile.CaseEventType;
import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.CaseStatus;
import org.gridcase.casefile.Cases;
import org.gridcase.support.InvalidInputException;
import org.gridcase.support.NotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The callback survey (跟踪回访) every case kind shares: a one-time link by SMS (and email), the phone callback as
 * the fallback, "not reached" when nobody answers — never counted as satisfied.
 */
@Service
public class SurveyService {

    static final Set<String> ANSWERS = Set.of("SATISFIED", "BASICALLY_SATISFIED", "UNSATISFIED");
    public static final String NOT_REACHED = "NOT_REACHED";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SurveyTokens tokens;
    private final Cases cases;
    private final CaseAlerts alerts;
    private final RuntimeService runtimeService;
    private final String publicUrl;
    private final Duration linkValidity;
    private final Duration phoneLimit;

    SurveyService(SurveyTokens tokens, Cases cases, CaseAlerts alerts, RuntimeService runtimeService,
            @Value("${gridcase.public-url:http://localhost:8080}") String publicUrl,
            @Value("${gridcase.survey.link-validity:PT24H}") Duration linkValidity,
            @Value("${gridcase.survey.phone-limit:PT48H}") Duration phoneLimit) {
        this.tokens = tokens;
        this.cases = cases;
        this.alerts = alerts;
        this.runtimeService = runtimeService;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.linkValidity = linkValidity;
        this.phoneLimit = phoneLimit;
    }

    /** A survey answered through the link: what the page shows. */
    public record Answered(String trackingNumber) {
    }

    void sendLink(DelegateExecution execution) {
        String tn = (String) execution.getVariable(TRACKING_NUMBER);
        Instant now = Cases.now();
        // limits from case-sla.dmn (passed in by the case process), the configured defaults otherwise
        Instant expires = now.plus(hours(execution.getVariable(SURVEY_LINK_HOURS), linkValidity));
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.save(new SurveyToken(token, tn, execution.getProcessInstanceId(), now, expires));
        execution.setVariable(SURVEY_LINK_DUE_AT, Date.from(expires));
        execution.setVariable(PHONE_DUE_AT,
                Date.from(expires.plus(hours(execution.getVariable(PHONE_CALLBACK_HOURS), phoneLimit))));
        execution.setVariable(SATISFACTION, null);
        execution.setVariable(RESOLVED, null);
        execution.setVariable(SURVEY_COMMENT, null);
        CaseFile file = cases.find(tn).orElseThrow();
        String link = publicUrl + "/survey/" + token;
        cases.status(tn, CaseStatus.SURVEY, null, CaseEventType.SURVEY_SENT,
                "已向诉求人发送评价链接，" + CaseAlerts.time(expires) + " 前有效");
        alerts.toReporter("SURVEY_LINK", file, "survey-" + execution.getProcessInstanceId(),
                Map.of("link", link, "expiresAt", CaseAlerts.time(expires)));
    }

    private static Duration hours(Object value, Duration fallback) {
        return value instanceof Number n && n.longValue() > 0 ? Duration.ofHours(n.longValue()) : fallback;
    }

    void record(DelegateExecution execution) {
        String satisfaction = (String) execution.getVariable(SATISFACTION);
        Object comment = execution.getVariable(SURVEY_COMMENT);
        Object resolved = execution.getVariable(RESOLVED);
        cases.satisfaction((String) execution.getVariable(TRACKING_NUMBER), satisfaction,
                (String) execution.getVariable("surveyedBy"), CaseClosing.satisfactionLabel(satisfaction)
                        + (resolved == null ? "" : Boolean.TRUE.equals(resolved) ? "，已解决" : "，未解决")
                        + (comment == null || comment.toString().isBlank() ? "" : "：" + comment));
    }

    void markNotReached(DelegateExecution execution) {
        execution.setVariable(SATISFACTION, NOT_REACHED);
        execution.setVariable(RESOLVED, null);
        execution.setVariable(SURVEY_COMMENT, "回访超时，未联系上诉求人");
    }

    /** Whether the link still works (the page shows the form only then). */
    @Transactional(readOnly = true)
    SurveyToken usable(String token) {
        SurveyToken t = tokens.findById(token).orElseThrow(() -> new NotFoundException("评价链接不存在"));
        if (!t.usableAt(Cases.now())) {
            throw new NotFoundException("评价链接已使用或已过期");
        }
        return t;
    }

    /** The reporter's own answer through the link; the waiting survey goes on at once. */
    @Transactional
    public Answered answer(String token, String satisfaction, String resolved, String comment) {
        SurveyToken t = usable(token);
        if (satisfaction == null || !ANSWERS.contains(satisfaction)) {
            throw InvalidInputException.of("satisfaction", "请选择满意度");
        }
        if (resolved == null || !Set.of("YES", "NO").contains(resolved)) {
            throw InvalidInputException.of("resolved", "请选择问题是否解决");
        }
        if (comment != null && comment.length() > 500) {
            throw InvalidInputException.of("comment", "意见最长 500 字");
        }
        t.answered(Cases.now());
        try {
            runtimeService.createMessageCorrelation(MESSAGE_SURVEY_ANSWERED)
                    .processInstanceId(t.getProcessInstanceId())
                    .setVariable(SATISFACTION, satisfaction)
                    .setVariable(RESOLVED, "YES".equals(resolved))
                    .setVariable(SURVEY_COMMENT, comment == null || comment.isBlank() ? null : engineText(comment.strip()))
                    .setVariable("surveyedBy", "诉求人")
                    .correlate();
        } catch (MismatchingMessageCorrelationException e) {
            throw new NotFoundException("评价链接已失效，工作人员将电话回访");
        }
        return new Answered(t.getTrackingNumber());
    }
}

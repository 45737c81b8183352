package org.gridcase.survey;

import static org.gridcase.casefile.CaseVariables.*;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.gridcase.casefile.CaseAlerts;
import org.gridcase.casefile.CaseClosing;
import org.gridcase.casefile.CaseEventType;
import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.CaseKinds;
import org.gridcase.casefile.CaseStatus;
import org.gridcase.casefile.Cases;
import org.gridcase.deadline.Limit;
import org.gridcase.deadline.SlaPolicy;
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
    private final CaseKinds kinds;
    private final SlaPolicy sla;
    private final String publicUrl;

    SurveyService(SurveyTokens tokens, Cases cases, CaseAlerts alerts, RuntimeService runtimeService, CaseKinds kinds,
            SlaPolicy sla, @Value("${gridcase.public-url:http://localhost:8080}") String publicUrl) {
        this.tokens = tokens;
        this.cases = cases;
        this.alerts = alerts;
        this.runtimeService = runtimeService;
        this.kinds = kinds;
        this.sla = sla;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** A survey answered through the link: what the page shows. */
    public record Answered(String trackingNumber) {
    }

    /**
     * Sends the one-time link; the link's and the phone callback's limits come from case-sla.dmn (passed in by the
     * case process). Answers the variables the survey model waits on.
     */
    Map<String, Object> sendLink(String trackingNumber, String processInstanceId, String linkLimit,
            String phoneLimit) {
        Instant now = Cases.now();
        Instant expires = sla.after(now, Limit.parse(linkLimit));
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.save(new SurveyToken(token, trackingNumber, processInstanceId, now, expires));
        CaseFile file = cases.find(trackingNumber).orElseThrow();
        String link = publicUrl + "/survey/" + token;
        cases.status(trackingNumber, CaseStatus.SURVEY, null, CaseEventType.SURVEY_SENT,
                "已向反映人发送评价链接，" + CaseAlerts.time(expires) + " 前有效");
        alerts.toReporter("SURVEY_LINK", file, "survey-" + processInstanceId,
                Map.of("link", link, "expiresAt", CaseAlerts.time(expires)));
        Map<String, Object> variables = new HashMap<>();
        variables.put(SURVEY_LINK_DUE_AT, Date.from(expires));
        variables.put(PHONE_DUE_AT, Date.from(sla.after(expires, Limit.parse(phoneLimit))));
        variables.put(SATISFACTION, null);
        variables.put(RESOLVED, null);
        variables.put(SURVEY_COMMENT, null);
        return variables;
    }

    void record(String trackingNumber, String satisfaction, Object resolved, Object comment, String surveyedBy) {
        cases.satisfaction(trackingNumber, satisfaction, surveyedBy, CaseClosing.satisfactionLabel(satisfaction)
                + (resolved == null ? "" : Boolean.TRUE.equals(resolved) ? "，已解决" : "，未解决")
                + (comment == null || comment.toString().isBlank() ? "" : "：" + comment));
    }

    /** Nobody answered the phone in time: never counted as satisfied. */
    Map<String, Object> notReached() {
        Map<String, Object> variables = new HashMap<>();
        variables.put(SATISFACTION, NOT_REACHED);
        variables.put(RESOLVED, null);
        variables.put(SURVEY_COMMENT, "回访超时，未联系上反映人");
        return variables;
    }

    /** How the survey page speaks of the case: in the words of its kind. */
    String subject(String trackingNumber) {
        return cases.find(trackingNumber).map(file -> kinds.of(file).surveySubject()).orElse("");
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
                    .setVariable(SurveyProcess.SURVEYED_BY, "反映人")
                    .correlate();
        } catch (MismatchingMessageCorrelationException e) {
            throw new NotFoundException("评价链接已失效，工作人员将电话回访");
        }
        return new Answered(t.getTrackingNumber());
    }
}

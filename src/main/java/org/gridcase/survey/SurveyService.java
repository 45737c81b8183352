package org.gridcase.survey;

import static org.gridcase.casefile.CaseVariables.*;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.gridcase.casefile.CaseAlerts;
import org.gridcase.casefile.CaseClosing;
import org.gridcase.casefile.CaseEvent;
import org.gridcase.casefile.CaseEventType;
import org.gridcase.casefile.CaseFile;
import org.gridcase.casefile.CaseKinds;
import org.gridcase.casefile.CaseStatus;
import org.gridcase.casefile.Cases;
import org.gridcase.deadline.Limit;
import org.gridcase.deadline.SlaPolicy;
import org.gridcase.registry.AreaLevel;
import org.gridcase.registry.GroupIds;
import org.gridcase.registry.Registry;
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
    private final Registry registry;
    private final String publicUrl;

    SurveyService(SurveyTokens tokens, Cases cases, CaseAlerts alerts, RuntimeService runtimeService, CaseKinds kinds,
            SlaPolicy sla, Registry registry,
            @Value("${gridcase.public-url:http://localhost:8080}") String publicUrl) {
        this.tokens = tokens;
        this.cases = cases;
        this.alerts = alerts;
        this.runtimeService = runtimeService;
        this.kinds = kinds;
        this.sla = sla;
        this.registry = registry;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** How much of the description and of the handling note the page shows (the staff read the rest). */
    static final int DESCRIPTION_SHOWN = 120;
    static final int NOTE_SHOWN = 300;
    /** The place of a case reported by its coordinates only: the page never shows raw coordinates or codes. */
    static final String COORDINATES_ONLY = "（按您上报时的手机定位）";

    /**
     * What the survey page tells the reporter before they answer, in plain words: which case, what was reported and
     * where, what was done and by which unit. Nothing of the reporter, no login, no code.
     *
     * @param subject      how the page speaks of the case, in its kind's words (您反映的…)
     * @param description  the description, shortened
     * @param place        the address, or {@link #COORDINATES_ONLY}
     * @param gridName     the grid's name from the registry, null when the case has no grid
     * @param handlingNote the note of the last handling on the timeline, shortened; null when there is none
     * @param handlerUnit  the name of the grid or department that handled it
     */
    public record SurveyView(String trackingNumber, String subject, String description, String place,
            String gridName, String handlingNote, String handlerUnit) {
    }

    /** Where the case went after the reporter's answer, as the case row says it once the process has moved on. */
    public enum NextStep {
        /** The case is finished. */
        CLOSED,
        /** Unsatisfied: back to its handler for another round ({@link Answered#unit()} names the handler). */
        REOPENED,
        /** Unsatisfied after the last allowed round: to the town's leaders ({@link Answered#unit()} names them). */
        SIGNOFF,
        /** Anything else: the staff take it from here. */
        FOLLOW_UP
    }

    /** A survey answered through the link: what the page shows. */
    public record Answered(String trackingNumber, String noun, NextStep next, String unit) {
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
        String answer = resolved == null ? null : Boolean.TRUE.equals(resolved) ? "YES" : "NO";
        cases.satisfaction(trackingNumber, satisfaction, answer, surveyedBy, CaseClosing.satisfactionLabel(satisfaction)
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

    /** Whether the link still works (the page shows the form only then). */
    @Transactional(readOnly = true)
    SurveyToken usable(String token) {
        SurveyToken t = tokens.findById(token).orElseThrow(() -> new NotFoundException("评价链接不存在"));
        if (!t.usableAt(Cases.now())) {
            throw new NotFoundException("评价链接已使用或已过期");
        }
        return t;
    }

    /**
     * What the page shows about the case behind a usable link.
     *
     * @throws NotFoundException the link is unknown, used or expired (the page then shows no case data)
     */
    @Transactional(readOnly = true)
    public SurveyView view(String token) {
        SurveyToken t = usable(token);
        CaseFile file = cases.find(t.getTrackingNumber())
                .orElseThrow(() -> new NotFoundException("评价链接已失效"));
        CaseEvent handled = null;
        for (CaseEvent event : cases.timeline(file)) {
            if (event.getType() == CaseEventType.HANDLED) {
                handled = event;
            }
        }
        return new SurveyView(file.getTrackingNumber(), kinds.of(file).surveySubject(),
                shorten(file.getDescription(), DESCRIPTION_SHOWN),
                file.getAddress() != null && !file.getAddress().isBlank() ? file.getAddress().strip()
                        : COORDINATES_ONLY,
                file.getGridCode() == null ? null
                        : registry.area(file.getGridCode()).map(Registry.AreaRef::name).orElse(null),
                handled == null ? null : shorten(handled.getNote(), NOTE_SHOWN), unitName(file.getHandlerGroup()));
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
        return outcome(t.getTrackingNumber());
    }

    /**
     * The case process ran on in this transaction (closed, reopened or sent to sign-off): the case row tells where it
     * went.
     */
    private Answered outcome(String trackingNumber) {
        CaseFile file = cases.find(trackingNumber).orElseThrow();
        String noun = kinds.of(file).noun();
        CaseStatus status = file.getStatus();
        if (status.finished()) {
            return new Answered(trackingNumber, noun, NextStep.CLOSED, null);
        }
        return switch (status) {
            case HANDLING -> new Answered(trackingNumber, noun, NextStep.REOPENED, unitName(file.getHandlerGroup()));
            case SIGNOFF -> new Answered(trackingNumber, noun, NextStep.SIGNOFF, townLeaders(file.getGridCode()));
            default -> new Answered(trackingNumber, noun, NextStep.FOLLOW_UP, null);
        };
    }

    /** The name of the grid or department behind a handler group; never the group id itself. */
    private String unitName(String handlerGroup) {
        String area = GroupIds.areaCodeOf(handlerGroup);
        if (area != null) {
            return registry.area(area).map(Registry.AreaRef::name).orElse("网格工作人员");
        }
        String department = GroupIds.departmentCodeOf(handlerGroup);
        if (department != null) {
            return registry.department(department).map(Registry.DepartmentRef::name).orElse("责任部门");
        }
        return "工作人员";
    }

    /** Who signs off: the leaders of the town the case's grid lies in. */
    private String townLeaders(String gridCode) {
        List<Registry.AreaRef> lineage = gridCode == null ? List.of() : registry.lineage(gridCode);
        return lineage.stream().filter(a -> a.level() == AreaLevel.TOWN).findFirst()
                .map(a -> a.name() + "领导").orElse("镇领导");
    }

    /** The first {@code max} characters (code points, so no emoji is cut in half), with an ellipsis when cut. */
    static String shorten(String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip().replaceAll("\\s+", " ");
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max)) + "…";
    }
}

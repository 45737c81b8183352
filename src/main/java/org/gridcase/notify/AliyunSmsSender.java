package org.gridcase.notify;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.gridcase.GridCaseApplication;
import org.gridcase.support.BusinessClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Aliyun SMS (dysmsapi, API version 2017-05-25), called directly over {@code java.net.http} with signature 1.0
 * ({@link AliyunRpc}) rather than through Aliyun's SDK, which brings its own HTTP client, XML and credential
 * libraries and version ranges into the build. {@code SendSms} with PhoneNumbers, SignName
 * ({@code GRIDCASE_SMS_SENDER}), TemplateCode (from {@code GRIDCASE_ALIYUN_TEMPLATES} by GridCase template name),
 * TemplateParam (the template's placeholder values stored with the message) and OutId = the outbox id, our client
 * reference. Aliyun's BizId becomes {@code gateway_ref}.
 * <p>
 * <b>The duplicate rule (Aliyun).</b> A call that timed out (or broke after the request was sent, or got a 5xx)
 * may have been taken: the attempt stays recorded ({@code attempt_started_at}), and before sending again the next
 * attempt asks {@code QuerySendDetails} for the number on the attempt's day (and today) whether a message with our
 * OutId is there; if so it is not sent again (SENT, or FAILED when Aliyun reports it failed), otherwise it is sent.
 * A failed query leaves the outcome unknown and is retried the same way. Refused connections are surely not sent.
 */
@Component
@Order(0)
class AliyunSmsSender implements ChannelSender {

    private static final Logger log = LoggerFactory.getLogger(AliyunSmsSender.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ZONE = ZoneId.of(GridCaseApplication.ZONE);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    /** Codes after which this message never goes out as it is: a bad number, template, sign or parameters. */
    static final Set<String> PERMANENT = Set.of("isv.MOBILE_NUMBER_ILLEGAL", "isv.SMS_TEMPLATE_ILLEGAL",
            "isv.SMS_SIGNATURE_ILLEGAL", "isv.SMS_SIGN_ILLEGAL", "isv.TEMPLATE_MISSING_PARAMETERS",
            "isv.TEMPLATE_PARAMS_ILLEGAL", "isv.INVALID_PARAMETERS", "isv.INVALID_JSON_PARAM",
            "isv.PARAM_LENGTH_LIMIT", "isv.PARAM_NOT_SUPPORT_URL", "isv.BLACK_KEY_CONTROL_LIMIT",
            "isv.SMS_CONTENT_ILLEGAL", "isv.MOBILE_COUNT_OVER_LIMIT", "isv.DOMESTIC_NUMBER_NOT_SUPPORTED");
    /** QuerySendDetails' SendStatus: 1 waiting for a receipt, 2 failed, 3 delivered. */
    private static final int SEND_FAILED = 2;

    private final NotifyProperties.Sms sms;
    private final NotifyProperties.Aliyun aliyun;
    private final Map<String, String> templateCodes;
    private final Clock clock;
    private final HttpClient http;

    AliyunSmsSender(NotifyProperties properties, ObjectProvider<Clock> clock) {
        this.sms = properties.sms();
        this.aliyun = sms.aliyun();
        this.templateCodes = aliyun.templateCodes();
        this.clock = clock.getIfUnique(() -> BusinessClock.INSTANCE);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(aliyun.timeoutMillis())).build();
        if (configured()) {
            if (blank(aliyun.accessKeyId()) || blank(aliyun.accessKeySecret()) || blank(sms.sender())) {
                throw new IllegalStateException("GRIDCASE_SMS_PROVIDER=aliyun needs GRIDCASE_ALIYUN_ACCESS_KEY_ID, "
                        + "GRIDCASE_ALIYUN_ACCESS_KEY_SECRET and GRIDCASE_SMS_SENDER (the sign name)");
            }
            log.info("SMS through Aliyun SMS; template codes for {}", templateCodes.keySet());
        }
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public boolean configured() {
        return sms.is(NotifyProperties.Sms.ALIYUN);
    }

    Set<String> templates() {
        return templateCodes.keySet();
    }

    @Override
    public void send(OutboxMessage message) throws Exception {
        sendForReference(message);
    }

    @Override
    public String sendForReference(OutboxMessage message) throws Exception {
        String code = templateCodes.get(message.getTemplate());
        if (code == null) {
            throw new IllegalArgumentException("no Aliyun template code for " + message.getTemplate()
                    + " (GRIDCASE_ALIYUN_TEMPLATES)");
        }
        if (message.getTemplateParams() == null) {
            throw new IllegalArgumentException("no template parameters stored with this message");
        }
        String outId = String.valueOf(message.getId());
        if (message.getAttemptStartedAt() != null) {
            String earlier = alreadySent(message, outId);
            if (earlier != null) {
                return earlier;
            }
        }
        SortedMap<String, String> params = new TreeMap<>();
        params.put("PhoneNumbers", message.getRecipient());
        params.put("SignName", sms.sender().strip());
        params.put("TemplateCode", code);
        params.put("TemplateParam", message.getTemplateParams());
        params.put("OutId", outId);
        JsonNode answer = call("SendSms", params);
        String status = answer.path("Code").asText("");
        if ("OK".equals(status)) {
            return answer.path("BizId").asText(null);
        }
        throw refusal(status, answer);
    }

    /**
     * Asks Aliyun whether an earlier attempt went out: a message to the number with our OutId on the attempt's
     * day or today. Answers its reference ("OutId:…") when it did, null when Aliyun has none.
     */
    private String alreadySent(OutboxMessage message, String outId) throws Exception {
        Set<LocalDate> days = new TreeSet<>();
        days.add(LocalDate.ofInstant(message.getAttemptStartedAt(), ZONE));
        days.add(LocalDate.ofInstant(clock.instant(), ZONE));
        for (LocalDate day : days) {
            SortedMap<String, String> params = new TreeMap<>();
            params.put("PhoneNumber", message.getRecipient());
            params.put("SendDate", DAY.format(day));
            params.put("PageSize", "50");
            params.put("CurrentPage", "1");
            JsonNode answer;
            try {
                answer = call("QuerySendDetails", params);
            } catch (SendOutcomeUnknownException | IOException e) {
                throw new SendOutcomeUnknownException("结果未知：上次发送超时，查询发送记录（QuerySendDetails）失败，稍后再查",
                        false, e);
            }
            if (!"OK".equals(answer.path("Code").asText(""))) {
                throw new SendOutcomeUnknownException("结果未知：上次发送超时，查询发送记录失败："
                        + answer.path("Code").asText("?"), false, null);
            }
            for (JsonNode detail : answer.path("SmsSendDetailDTOs").path("SmsSendDetailDTO")) {
                if (outId.equals(detail.path("OutId").asText())) {
                    if (detail.path("SendStatus").asInt() == SEND_FAILED) {
                        throw new IllegalArgumentException("Aliyun reports the earlier send failed: "
                                + detail.path("ErrCode").asText("?"));
                    }
                    log.info("Notification {}: the earlier attempt reached Aliyun (QuerySendDetails), not sent again",
                            message.getId());
                    return "OutId:" + outId;
                }
            }
        }
        log.info("Notification {}: Aliyun has no earlier send (QuerySendDetails), sending", message.getId());
        return null;
    }

    private Exception refusal(String status, JsonNode answer) {
        String text = "Aliyun SMS refused: " + (status.isEmpty() ? "no Code" : status) + " "
                + answer.path("Message").asText("");
        if (PERMANENT.contains(status)) {
            return new IllegalArgumentException(text.strip());
        }
        return new SmsGatewayException(text.strip() + " (retried)");
    }

    /** One signed POST; the answer's JSON, whatever its HTTP status, when it has a Code. */
    private JsonNode call(String action, SortedMap<String, String> params) throws Exception {
        SortedMap<String, String> all = new TreeMap<>(params);
        all.putAll(AliyunRpc.common(action, aliyun.accessKeyId(), aliyun.regionId(),
                TIMESTAMP.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)), UUID.randomUUID().toString()));
        String signature = AliyunRpc.signature("POST", all, aliyun.accessKeySecret());
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint()))
                .timeout(Duration.ofMillis(aliyun.timeoutMillis()))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(AliyunRpc.body(all, signature), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new IOException("Aliyun SMS not reachable (" + action + " not sent)", e);
        } catch (IOException e) {
            // a timeout or a connection broken after the request went out: Aliyun may have taken it
            throw new SendOutcomeUnknownException("结果未知：" + action + " 无应答（" + e.getClass().getSimpleName()
                    + "），下次发送前先查询发送记录", false, e);
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            answer = null;
        }
        if (answer != null && answer.hasNonNull("Code")) {
            return answer;
        }
        if (response.statusCode() >= 500) {
            throw new SendOutcomeUnknownException("结果未知：" + action + " HTTP " + response.statusCode()
                    + "，下次发送前先查询发送记录", false, null);
        }
        throw new SmsGatewayException("Aliyun SMS answered HTTP " + response.statusCode() + " without a Code");
    }

    private String endpoint() {
        String endpoint = aliyun.endpoint().strip();
        return endpoint.endsWith("/") ? endpoint : endpoint + "/";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

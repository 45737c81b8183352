package org.gridcase.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.gridcase.notify.Notifications.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Aliyun SMS adapter against a local stub of its API ({@link AliyunSmsStub}, which checks every signature by
 * computing it anew), with the real outbox, dispatcher and H2 database.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:notify-aliyun;DB_CLOSE_DELAY=-1",
        "gridcase.notify.poll-millis=86400000",
        "camunda.bpm.job-execution.enabled=false",
        "gridcase.notify.sms.provider=aliyun",
        "gridcase.notify.sms.sender=示范镇网格化管理",
        "gridcase.notify.sms.aliyun.access-key-id=" + AliyunSmsStub.KEY_ID,
        "gridcase.notify.sms.aliyun.access-key-secret=" + AliyunSmsStub.SECRET,
        "gridcase.notify.sms.aliyun.region-id=cn-hangzhou",
        "gridcase.notify.sms.aliyun.templates=SURVEY_LINK=SMS_4600001, CASE_CLOSED=SMS_4600002",
        "gridcase.notify.sms.aliyun.timeout-millis=1000"})
class AliyunSmsGatewayTest {

    static final AliyunSmsStub ALIYUN = new AliyunSmsStub();
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void endpoint(DynamicPropertyRegistry registry) {
        registry.add("gridcase.notify.sms.aliyun.endpoint", () -> "http://127.0.0.1:" + ALIYUN.port);
    }

    @TestConfiguration
    static class TestBeans {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-11-10T15:30:00Z"));
        }
    }

    @Autowired
    Notifications notifications;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    OutboxMessages messages;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    MutableClock clock;
    @Autowired
    ChannelSenders senders;
    @Autowired
    SmsHealthIndicator health;

    @AfterEach
    void resetTheStub() {
        ALIYUN.reset();
    }

    @AfterAll
    static void stopTheStub() {
        ALIYUN.close();
    }

    @Test
    void aSurveyLinkGoesOutAsTheTemplateWithItsValuesAndTheBizIdIsStored() throws Exception {
        // Given a survey link for a reporter
        String phone = "13900000001";
        queue("ali-ok", phone, "SURVEY_LINK", Map.of("trackingNumber", "SQ-20261110-0001",
                "link", "https://gc.example.cn/survey/t0k3n", "recipientName", "贺玉兰", "caseTitle", "诉求：路灯不亮"));
        assertThat(senders.configured(Channel.SMS)).get().isInstanceOf(AliyunSmsSender.class);

        // When the dispatcher runs
        dispatcher.dispatch();

        // Then Aliyun got one signed SendSms with the template code, the sign name, our id as OutId and only the
        // template's own values
        assertThat(ALIYUN.badSignatures).isEmpty();
        assertThat(ALIYUN.sendsTo(phone)).hasSize(1);
        Map<String, String> call = ALIYUN.sendsTo(phone).get(0);
        OutboxMessage row = row("ali-ok");
        assertThat(call).containsEntry("Action", "SendSms").containsEntry("Version", "2017-05-25")
                .containsEntry("Format", "JSON").containsEntry("RegionId", "cn-hangzhou")
                .containsEntry("SignatureMethod", "HMAC-SHA1").containsEntry("SignatureVersion", "1.0")
                .containsEntry("AccessKeyId", AliyunSmsStub.KEY_ID).containsEntry("PhoneNumbers", phone)
                .containsEntry("SignName", "示范镇网格化管理").containsEntry("TemplateCode", "SMS_4600001")
                .containsEntry("OutId", String.valueOf(row.getId()))
                .containsEntry("Timestamp", DateTimeFormatter.ISO_INSTANT.format(
                        clock.instant().truncatedTo(ChronoUnit.SECONDS)))
                .containsKeys("SignatureNonce", "Signature");
        assertThat(JSON.readValue(call.get("TemplateParam"), Map.class)).isEqualTo(Map.of(
                "trackingNumber", "SQ-20261110-0001", "link", "https://gc.example.cn/survey/t0k3n"));
        // And the row is SENT with Aliyun's BizId
        assertThat(row.getStatus()).isEqualTo(NotificationStatus.SENT);
        assertThat(row.getGatewayRef()).matches("\\d+\\^0");
        assertThat(row.getAttemptStartedAt()).isNull();
    }

    @Test
    void throttlingIsRetriedWithTheOutboxBackoff() {
        String phone = "13900000002";
        ALIYUN.answerNext("isv.BUSINESS_LIMIT_CONTROL");
        queue("ali-throttled", phone, "CASE_CLOSED", Map.of("trackingNumber", "SQ-2", "result", "已修复"));

        dispatcher.dispatch();

        OutboxMessage waiting = row("ali-throttled");
        assertThat(waiting.getStatus()).isEqualTo(NotificationStatus.PENDING);
        assertThat(waiting.getLastError()).contains("isv.BUSINESS_LIMIT_CONTROL");
        assertThat(waiting.getNextAttemptAt()).isEqualTo(clock.instant().plus(OutboxDispatcher.backoff(1)));

        // When the retry is due
        clock.advance(OutboxDispatcher.backoff(1));
        dispatcher.dispatch();

        // Then it goes out, once
        assertThat(row("ali-throttled").getStatus()).isEqualTo(NotificationStatus.SENT);
        assertThat(ALIYUN.takenFor(phone)).hasSize(1);
        assertThat(ALIYUN.sendsTo(phone)).hasSize(2);
    }

    @Test
    void anIllegalNumberFailsAtOnce() {
        String phone = "1390000000";
        ALIYUN.answerNext("isv.MOBILE_NUMBER_ILLEGAL");
        queue("ali-illegal", phone, "CASE_CLOSED", Map.of("trackingNumber", "SQ-3", "result", "已修复"));

        dispatcher.dispatch();

        OutboxMessage failed = row("ali-illegal");
        assertThat(failed.getStatus()).isEqualTo(NotificationStatus.FAILED);
        assertThat(failed.getAttempts()).isEqualTo(1);
        assertThat(failed.getLastError()).contains("isv.MOBILE_NUMBER_ILLEGAL").doesNotContain(phone);
        clock.advance(Duration.ofDays(1));
        dispatcher.dispatch();
        assertThat(ALIYUN.sendsTo(phone)).hasSize(1);
    }

    @Test
    void aTimedOutSendThatAliyunTookIsNotSentAgain() {
        // Given Aliyun takes the SMS but its answer never comes back in time
        String phone = "13900000004";
        ALIYUN.hangNext(true);
        queue("ali-timeout-taken", phone, "SURVEY_LINK", Map.of("trackingNumber", "SQ-4", "link", "https://gc.cn/s/4"));

        // When the dispatcher sends it: the call times out, the outcome is unknown
        dispatcher.dispatch();
        ALIYUN.release();
        OutboxMessage unknown = row("ali-timeout-taken");
        assertThat(unknown.getStatus()).isEqualTo(NotificationStatus.PENDING);
        assertThat(unknown.getAttemptStartedAt()).isNotNull();
        assertThat(unknown.getLastError()).contains("结果未知");

        // When the retry is due
        clock.advance(OutboxDispatcher.backoff(1));
        dispatcher.dispatch();

        // Then it asked QuerySendDetails for the attempt's day (Shanghai), found our OutId and did not send again
        String day = DateTimeFormatter.BASIC_ISO_DATE.format(unknown.getAttemptStartedAt().atZone(
                ZoneId.of("Asia/Shanghai")).toLocalDate());
        assertThat(ALIYUN.queries).anySatisfy(q -> assertThat(q).containsEntry("PhoneNumber", phone)
                .containsEntry("SendDate", day));
        assertThat(ALIYUN.sendsTo(phone)).hasSize(1);
        assertThat(ALIYUN.takenFor(phone)).hasSize(1);
        OutboxMessage sent = row("ali-timeout-taken");
        assertThat(sent.getStatus()).isEqualTo(NotificationStatus.SENT);
        assertThat(sent.getGatewayRef()).isEqualTo("OutId:" + sent.getId());
        assertThat(sent.getAttemptStartedAt()).isNull();
        assertThat(ALIYUN.badSignatures).isEmpty();
    }

    @Test
    void aTimedOutSendThatAliyunDidNotTakeIsSentOnceOnRetry() {
        // Given the SendSms call times out without Aliyun having taken the SMS
        String phone = "13900000005";
        ALIYUN.hangNext(false);
        queue("ali-timeout-lost", phone, "SURVEY_LINK", Map.of("trackingNumber", "SQ-5", "link", "https://gc.cn/s/5"));
        dispatcher.dispatch();
        ALIYUN.release();

        // When the retry is due
        clock.advance(OutboxDispatcher.backoff(1));
        dispatcher.dispatch();

        // Then the query finds nothing and it is sent: Aliyun has it exactly once
        assertThat(ALIYUN.takenFor(phone)).hasSize(1);
        assertThat(row("ali-timeout-lost").getStatus()).isEqualTo(NotificationStatus.SENT);
        assertThat(row("ali-timeout-lost").getGatewayRef()).matches("\\d+\\^0");
    }

    @Test
    void aTemplateWithoutAnAliyunCodeFailsSayingSo() {
        queue("ali-no-code", "13900000006", "TASK_REMINDER", reminderModel());

        dispatcher.dispatch();

        OutboxMessage failed = row("ali-no-code");
        assertThat(failed.getStatus()).isEqualTo(NotificationStatus.FAILED);
        assertThat(failed.getLastError()).contains("no Aliyun template code for TASK_REMINDER");
    }

    @Test
    void healthNamesTheProviderAndItsTemplates() {
        Health sms = health.health();
        assertThat(sms.getStatus().getCode()).isEqualTo("UP");
        assertThat(sms.getDetails()).containsEntry("provider", "aliyun")
                .doesNotContainValue(AliyunSmsStub.SECRET).doesNotContainValue(AliyunSmsStub.KEY_ID);
    }

    private Map<String, Object> reminderModel() {
        Map<String, Object> model = new java.util.HashMap<>();
        for (String placeholder : new NotificationTemplates().template("TASK_REMINDER").placeholders()) {
            model.put(placeholder, "x");
        }
        return model;
    }

    private void queue(String key, String phone, String template, Map<String, Object> model) {
        tx.executeWithoutResult(s -> notifications.enqueue(new Message(key, Channel.SMS, phone, null, template,
                model, null)));
    }

    private OutboxMessage row(String dedupKey) {
        return messages.findAll().stream().filter(m -> m.getDedupKey().equals(dedupKey)).findFirst().orElseThrow();
    }
}

package org.gridcase.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;

import org.gridcase.notify.Notifications.Message;
import org.jsmpp.SMPPConstant;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SMPP adapter against an SMSC in the test JVM (jsmpp's server side, {@link SmppTestServer}): the real outbox,
 * dispatcher and H2 database, the session bound at start as transceiver. The demo profile is on (H2) with its SMS
 * sink left on: the configured gateway sends instead.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:notify-smpp;DB_CLOSE_DELAY=-1",
        "gridcase.notify.poll-millis=86400000",
        "camunda.bpm.job-execution.enabled=false",
        "gridcase.notify.sms.provider=smpp",
        "gridcase.notify.sms.sender=106900001234",
        "gridcase.notify.sms.smpp.host=127.0.0.1",
        "gridcase.notify.sms.smpp.system-id=" + SmppTestServer.SYSTEM_ID,
        "gridcase.notify.sms.smpp.password=" + SmppTestServer.PASSWORD,
        "gridcase.notify.sms.smpp.response-millis=1500",
        "gridcase.notify.sms.smpp.reconnect-min-millis=50",
        "gridcase.notify.sms.smpp.reconnect-max-millis=200",
        // a part every 500 ms: the test drops the connection after a part, the next one finds the session closed
        "gridcase.notify.sms.smpp.submits-per-second=2"})
@AutoConfigureMockMvc
// closed after the class: its SMPP session would otherwise keep rebinding to the stopped test SMSC
@DirtiesContext
class SmppSmsGatewayTest {

    static final SmppTestServer SMSC = new SmppTestServer();

    @DynamicPropertySource
    static void smsc(DynamicPropertyRegistry registry) {
        registry.add("gridcase.notify.sms.smpp.port", () -> SMSC.port);
    }

    @TestConfiguration
    static class TestBeans {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-11-10T02:00:00Z"));
        }

        @Bean
        InboundRecorder inboundRecorder() {
            return new InboundRecorder();
        }
    }

    static class InboundRecorder {
        final List<InboundSms> received = new CopyOnWriteArrayList<>();

        @TransactionalEventListener
        void on(InboundSms sms) {
            received.add(sms);
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
    SmppConnection connection;
    @Autowired
    ChannelSenders senders;
    @Autowired
    InboundRecorder inbound;
    @Autowired
    MockMvc mvc;
    @Autowired
    SmsReceipts receipts;
    @Autowired
    ApplicationContext context;

    @BeforeEach
    void sessionBound() {
        SMSC.awaitBound(context);
    }

    @AfterEach
    void resetTheServer() {
        SMSC.reset();
    }

    @AfterAll
    static void stopTheServer() {
        SMSC.close();
    }

    @Test
    void theConfiguredGatewaySendsInsteadOfTheDemoSink() {
        assertThat(senders.configured(Channel.SMS)).get().isInstanceOf(SmppSmsSender.class);
    }

    @Test
    void chineseTextArrivesAsUcs2AndDecodesEqual() {
        // Given a survey link for a reporter
        String phone = "13800000001";
        queue("smpp-zh", phone, "SURVEY_LINK", Map.of("trackingNumber", "SQ-1", "link", "https://gc.cn/s/a1"));

        // When the dispatcher runs
        dispatcher.dispatch();

        // Then the SMSC got one UCS-2 SMS from the service number, with a receipt requested, equal to the body
        List<SmppTestServer.Submitted> got = SMSC.to(phone);
        assertThat(got).hasSize(1);
        SmppTestServer.Submitted sms = got.get(0);
        assertThat(sms.dataCoding()).isEqualTo((byte) 0x08);
        assertThat(sms.concatenated()).isFalse();
        assertThat(sms.registeredDelivery() & 0x03).isEqualTo(1);
        assertThat(sms.source()).isEqualTo("106900001234");
        assertThat(sms.text()).isEqualTo("您反映的问题（编号SQ-1）已办理完毕，请评价办理结果：https://gc.cn/s/a1 感谢您的支持！");
        // And the row is SENT with the gateway's message id
        OutboxMessage row = row("smpp-zh");
        assertThat(row.getStatus()).isEqualTo(NotificationStatus.SENT);
        assertThat(row.getGatewayRef()).isEqualTo(sms.messageId());
        assertThat(row.getAttemptStartedAt()).isNull();
    }

    @Test
    void aLongMessageArrivesAsConcatenatedPartsThatReassembleEqual() throws Exception {
        // Given a closing notice of about 150 Chinese characters
        String phone = "13800000002";
        String result = "已联系市政维修队更换东湖小区三号楼北侧路灯灯泡及老化线路，并对周边五盏路灯逐一检修，"
                + "今后将每月巡查一次，确保夜间照明正常，居民出行安全。如再发现路灯故障，可拨打社区服务电话或通过随手拍反映。";
        queue("smpp-long", phone, "CASE_CLOSED", Map.of("trackingNumber", "SQ-2", "result", result));
        String text = SmsText.of(row("smpp-long").getBody());
        assertThat(text.length()).isGreaterThan(2 * SmsText.PART_UCS2_CHARS);

        // When it is sent
        dispatcher.dispatch();

        // Then it arrives as three parts, each with a concatenation UDH: same reference, 3 parts, numbered 1..3
        List<SmppTestServer.Submitted> parts = SMSC.to(phone);
        assertThat(parts).hasSize(3);
        for (int i = 0; i < parts.size(); i++) {
            byte[] sm = parts.get(i).shortMessage();
            assertThat(parts.get(i).concatenated()).isTrue();
            assertThat(parts.get(i).dataCoding()).isEqualTo((byte) 0x08);
            assertThat(new byte[] {sm[0], sm[1], sm[2], sm[4], sm[5]})
                    .containsExactly(0x05, 0x00, 0x03, 3, i + 1);
            assertThat(sm[3]).isEqualTo(parts.get(0).shortMessage()[3]);
            assertThat(sm.length - 6).isLessThanOrEqualTo(SmsText.PART_UCS2_CHARS * 2);
        }
        // And they reassemble into the text
        assertThat(SmppTestServer.reassemble(parts)).isEqualTo(text);
        OutboxMessage row = row("smpp-long");
        assertThat(row.getStatus()).isEqualTo(NotificationStatus.SENT);
        assertThat(row.getGatewayRef()).isEqualTo(String.join(",",
                parts.stream().map(SmppTestServer.Submitted::messageId).toList()));

        // When the receipts of two parts say delivered, the message is not yet DELIVERED; with the third it is
        SMSC.receipt(parts.get(0), DeliveryReceiptState.DELIVRD, "000");
        SMSC.receipt(parts.get(2), DeliveryReceiptState.DELIVRD, "000");
        assertThat(row("smpp-long").getStatus()).isEqualTo(NotificationStatus.SENT);
        SMSC.receipt(parts.get(1), DeliveryReceiptState.DELIVRD, "000");
        await().until(() -> row("smpp-long").getStatus() == NotificationStatus.DELIVERED);
    }

    @Test
    void deliveryReceiptsTurnTheRowDeliveredOrFailed() throws Exception {
        // Given two SMS sent
        queue("smpp-rcpt-ok", "13800000003", "SURVEY_LINK", Map.of("trackingNumber", "SQ-3", "link", "https://gc.cn/s/b"));
        queue("smpp-rcpt-bad", "13800000004", "SURVEY_LINK", Map.of("trackingNumber", "SQ-4", "link", "https://gc.cn/s/c"));
        dispatcher.dispatch();
        assertThat(row("smpp-rcpt-ok").getStatus()).isEqualTo(NotificationStatus.SENT);

        // When the SMSC reports one delivered and the other undeliverable
        SMSC.receipt(SMSC.to("13800000003").get(0), DeliveryReceiptState.DELIVRD, "000");
        SMSC.receipt(SMSC.to("13800000004").get(0), DeliveryReceiptState.UNDELIV, "001");

        // Then the first is DELIVERED with its time, the second FAILED with the receipt's state
        await().until(() -> row("smpp-rcpt-ok").getStatus() == NotificationStatus.DELIVERED);
        assertThat(row("smpp-rcpt-ok").getDeliveredAt()).isEqualTo(clock.instant());
        await().until(() -> row("smpp-rcpt-bad").getStatus() == NotificationStatus.FAILED);
        assertThat(row("smpp-rcpt-bad").getLastError()).contains("UNDELIV").doesNotContain("13800000004");
    }

    @Test
    void aConnectionDroppedMidSendIsRetriedAfterTheRebindAndArrivesExactlyOnce() throws Exception {
        // Given a long message of two parts, and an SMSC that will refuse binds for a while once it goes away
        String phone = "13800000005";
        queue("smpp-drop", phone, "CASE_CLOSED", Map.of("trackingNumber", "SQ-5", "result",
                "西河村二组灌溉渠淤堵已由村委会组织清淤，共清理淤泥约十二立方米，同时加固渠堤两处，"
                        + "下一步将协调水务站安排定期巡查维护，保障春耕用水。"));
        long id = row("smpp-drop").getId();
        SMSC.acceptBinds(false);

        // When the dispatcher sends it and the SMSC drops the connection once it has answered the first part
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(dispatcher::dispatch);
        await().pollInterval(Duration.ofMillis(5)).until(() -> receipts.accepted(id).size() == 1);
        SMSC.dropConnection();
        run.get(30, TimeUnit.SECONDS);

        // Then one part arrived, the second was not sent (the session was gone): the message waits for its retry,
        // its outcome known
        assertThat(SMSC.to(phone)).hasSize(1);
        OutboxMessage waiting = row("smpp-drop");
        assertThat(waiting.getStatus()).isEqualTo(NotificationStatus.PENDING);
        assertThat(waiting.getAttemptStartedAt()).isNull();
        assertThat(waiting.getLastError()).contains("part 2/2 not sent");

        // When the SMSC takes binds again, the session is rebound, and the retry is due
        SMSC.acceptBinds(true);
        await().atMost(Duration.ofSeconds(20)).until(() -> connection.state() == SmppConnection.State.BOUND);
        clock.advance(OutboxDispatcher.backoff(1));
        dispatcher.dispatch();

        // Then the missing part arrives, each part once, and they reassemble into the text
        List<SmppTestServer.Submitted> parts = SMSC.to(phone);
        assertThat(parts).extracting(p -> p.shortMessage()[5]).containsExactly((byte) 1, (byte) 2);
        assertThat(parts.get(1).shortMessage()[3]).isEqualTo(parts.get(0).shortMessage()[3]);
        assertThat(SmppTestServer.reassemble(parts)).isEqualTo(SmsText.of(row("smpp-drop").getBody()));
        assertThat(row("smpp-drop").getStatus()).isEqualTo(NotificationStatus.SENT);
        dispatcher.dispatch();
        assertThat(SMSC.to(phone)).hasSize(2);
    }

    @Test
    void aBadNumberFailsAtOnceAndThrottlingIsRetried() {
        // Given the SMSC refuses the first number as invalid and throttles the second
        queue("smpp-bad-number", "13800000006", "SURVEY_LINK", Map.of("trackingNumber", "SQ-6", "link", "https://gc.cn/s/d"));
        SMSC.refuseNext(SMPPConstant.STAT_ESME_RINVDSTADR);
        dispatcher.dispatch();
        queue("smpp-throttled", "13800000007", "SURVEY_LINK", Map.of("trackingNumber", "SQ-7", "link", "https://gc.cn/s/e"));
        SMSC.refuseNext(SMPPConstant.STAT_ESME_RTHROTTLED);
        dispatcher.dispatch();

        // Then the bad number is FAILED after one attempt with a clear reason and no number in it
        OutboxMessage bad = row("smpp-bad-number");
        assertThat(bad.getStatus()).isEqualTo(NotificationStatus.FAILED);
        assertThat(bad.getAttempts()).isEqualTo(1);
        assertThat(bad.getLastError()).contains("ESME_RINVDSTADR").doesNotContain("13800000006");
        // And the throttled one waits for its retry, then goes out once
        OutboxMessage throttled = row("smpp-throttled");
        assertThat(throttled.getStatus()).isEqualTo(NotificationStatus.PENDING);
        assertThat(throttled.getLastError()).contains("ESME_RTHROTTLED");
        clock.advance(OutboxDispatcher.backoff(1));
        dispatcher.dispatch();
        assertThat(row("smpp-throttled").getStatus()).isEqualTo(NotificationStatus.SENT);
        assertThat(SMSC.to("13800000007")).hasSize(1);
        assertThat(SMSC.to("13800000006")).isEmpty();
    }

    @Test
    void aSubmitWithoutAnswerIsNotResentButLeftToAnOperator() {
        // Given the SMSC takes the next SMS but does not answer within the response time
        String phone = "13800000008";
        queue("smpp-silent", phone, "SURVEY_LINK", Map.of("trackingNumber", "SQ-8", "link", "https://gc.cn/s/f"));
        SMSC.beSilent();

        // When it is sent
        dispatcher.dispatch();
        SMSC.speak();

        // Then the outcome is unknown: FAILED for an operator, saying so, and never resubmitted by the dispatcher
        OutboxMessage row = row("smpp-silent");
        assertThat(row.getStatus()).isEqualTo(NotificationStatus.FAILED);
        assertThat(row.getLastError()).contains("结果未知").contains("管理员重发");
        assertThat(row.getAttemptStartedAt()).isNotNull();
        clock.advance(Duration.ofDays(1));
        dispatcher.dispatch();
        assertThat(SMSC.to(phone)).hasSize(1);

        // When an administrator, having checked it did not arrive, sends it again
        notifications.retry(row.getId());
        dispatcher.dispatch();

        // Then it goes out again (the operator's decision) and is SENT
        assertThat(SMSC.to(phone)).hasSize(2);
        assertThat(row("smpp-silent").getStatus()).isEqualTo(NotificationStatus.SENT);
    }

    @Test
    void aResidentsSmsIsPublishedAsInboundSms() throws Exception {
        // When a resident replies to the service number
        SMSC.residentSends("8613800000009", "106900001234", "已收到，谢谢！");

        // Then an InboundSms event carries the decoded text and the number as the registry keeps it
        await().until(() -> inbound.received.stream().anyMatch(s -> "13800000009".equals(s.from())));
        InboundSms sms = inbound.received.stream().filter(s -> "13800000009".equals(s.from())).findFirst().get();
        assertThat(sms.text()).isEqualTo("已收到，谢谢！");
        assertThat(sms.receivedAt()).isEqualTo(clock.instant());
    }

    @Test
    void healthShowsTheBoundSessionToAdministratorsOnly() throws Exception {
        mvc.perform(get("/actuator/health/sms").with(httpBasic("admin", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.details.provider").value("smpp"))
                .andExpect(jsonPath("$.details.session").value("BOUND"));
        String anonymous = mvc.perform(get("/actuator/health")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(anonymous).doesNotContain("smpp", "127.0.0.1", "s3cret", "gridcase");
    }

    private void queue(String key, String phone, String template, Map<String, Object> model) {
        tx.executeWithoutResult(s -> notifications.enqueue(new Message(key, Channel.SMS, phone, null, template,
                model, null)));
    }

    private OutboxMessage row(String dedupKey) {
        return messages.findAll().stream().filter(m -> m.getDedupKey().equals(dedupKey)).findFirst().orElseThrow();
    }
}

package org.gridcase.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.gridcase.notify.Notifications.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.micrometer.core.instrument.MeterRegistry;

import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;

/** The outbox end to end: H2, the real dispatcher, a GreenMail SMTP server, the REST API with demo logins. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:notify-outbox;DB_CLOSE_DELAY=-1",
        // the test drives the dispatcher itself
        "gridcase.notify.poll-millis=86400000",
        // a node without an SMS gateway (the demo profile, active here by itself on H2, would deliver SMS to its
        // sink): the test's RecordingSmsGateway stands in for a real one when switched on
        "gridcase.notify.sms.demo-sink=false",
        "camunda.bpm.job-execution.enabled=false"})
@AutoConfigureMockMvc
class NotificationOutboxTest {

    /**
     * Chosen up front: the process test coverage listener loads the context in beforeAll, before the extension has
     * started the server and could tell its port.
     */
    private static final int SMTP_PORT = freePort();

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(
            new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @TestConfiguration
    static class TestBeans {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2025-03-10T01:00:00Z"));
        }

        /** Stands in for a real SMS gateway adapter; off (not configured) unless a test switches it on. */
        @Bean
        RecordingSmsGateway recordingSmsGateway() {
            return new RecordingSmsGateway();
        }
    }

    static class RecordingSmsGateway implements ChannelSender {
        final AtomicBoolean on = new AtomicBoolean();
        final List<OutboxMessage> sent = new CopyOnWriteArrayList<>();

        @Override
        public Channel channel() {
            return Channel.SMS;
        }

        @Override
        public boolean configured() {
            return on.get();
        }

        @Override
        public void send(OutboxMessage message) {
            sent.add(message);
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
    JavaMailSenderImpl mailSender;
    @Autowired
    MockMvc mvc;
    @Autowired
    RecordingSmsGateway smsGateway;
    @Autowired
    MeterRegistry meters;

    private int smtpPort;

    @BeforeEach
    void rememberSmtpPort() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
        smtpPort = mailSender.getPort();
    }

    @AfterEach
    void restoreMailAndDrainTheOutbox() {
        // the tests share one database: nothing a test leaves due should be sent in another's run
        mailSender.setPort(smtpPort);
        smsGateway.on.set(false);
        dispatcher.dispatch();
    }

    @Test
    void mailQueuedInATransactionIsSentOnceWithItsChineseSubject() throws Exception {
        // Given a task assignment queued together with the case change
        tx.executeWithoutResult(s -> notifications.enqueue(taskAssigned("assign-1", "liuyang@example.org", "C-1")));
        assertThat(row("assign-1").getStatus()).isEqualTo(NotificationStatus.PENDING);

        // When the dispatcher runs, twice
        dispatcher.dispatch();
        dispatcher.dispatch();

        // Then exactly one mail arrived, in Chinese, and the row is SENT
        List<MimeMessage> mails = mailsTo("liuyang@example.org");
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).isEqualTo("新任务待办理：处置事件（案件编号 C-1）");
        assertThat((String) mails.get(0).getContent()).contains("案件概要：东湖社区3号楼前垃圾堆放")
                .contains("办理时限：2025年3月12日 17:30");
        assertThat(mails.get(0).getFrom()[0].toString()).isEqualTo("noreply@gridcase.local");
        OutboxMessage sent = row("assign-1");
        assertThat(sent.getStatus()).isEqualTo(NotificationStatus.SENT);
        assertThat(sent.getSentAt()).isEqualTo(clock.instant());
        assertThat(sent.getAttempts()).isEqualTo(1);
    }

    @Test
    void theSameDedupKeyIsStoredAndSentOnce() throws Exception {
        // Given the same logical message queued twice in one transaction and again by a retried job
        tx.executeWithoutResult(s -> {
            notifications.enqueue(taskAssigned("assign-dup", "zhouqiang@example.org", "C-2"));
            notifications.enqueue(taskAssigned("assign-dup", "zhouqiang@example.org", "C-2"));
        });
        tx.executeWithoutResult(s -> notifications.enqueue(taskAssigned("assign-dup", "zhouqiang@example.org", "C-2")));

        // When dispatched
        dispatcher.dispatch();

        // Then one row, one mail
        assertThat(messages.findByCaseRefOrderByCreatedAtAscIdAsc("C-2")).hasSize(1);
        assertThat(mailsTo("zhouqiang@example.org")).hasSize(1);
    }

    @Test
    void aDuplicateKeyRaceLeavesTheCallersTransactionHealthy() {
        // Given a message stored by another transaction between our check and our insert
        tx.executeWithoutResult(s -> notifications.enqueue(taskAssigned("race-1", "sunli@example.org", "C-3")));
        Message same = taskAssigned("race-1", "sunli@example.org", "C-3");
        NotificationTemplates.Rendered text = new NotificationTemplates.Rendered("s", "b");

        // When our insert hits the unique key, and the transaction goes on with more work
        Boolean inserted = tx.execute(s -> {
            boolean first = notifications.insert(same, text, NotificationStatus.PENDING, clock.instant());
            notifications.enqueue(taskAssigned("race-2", "sunli@example.org", "C-3"));
            return first;
        });

        // Then the duplicate is ignored and the rest of the transaction committed
        assertThat(inserted).isFalse();
        assertThat(messages.findByCaseRefOrderByCreatedAtAscIdAsc("C-3")).extracting(OutboxMessage::getDedupKey)
                .containsExactly("race-1", "race-2");
    }

    @Test
    void aRolledBackTransactionLeavesNoNotification() {
        tx.executeWithoutResult(s -> {
            notifications.enqueue(taskAssigned("rolled-back", "heping@example.org", "C-4"));
            s.setRollbackOnly();
        });

        assertThat(messages.findByCaseRefOrderByCreatedAtAscIdAsc("C-4")).isEmpty();
    }

    @Test
    void enqueueOutsideATransactionOrWithAMissingValueFailsLoudly() {
        assertThatThrownBy(() -> notifications.enqueue(taskAssigned("no-tx", "heping@example.org", "C-5")))
                .isInstanceOf(IllegalTransactionStateException.class);

        Message missingLink = new Message("bad-model", Channel.EMAIL, "heping@example.org", null, "TASK_ASSIGNED",
                Map.of("trackingNumber", "C-5"), "C-5");
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> notifications.enqueue(missingLink)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("link");

        assertThat(messages.findByCaseRefOrderByCreatedAtAscIdAsc("C-5")).isEmpty();
    }

    @Test
    void smsWithoutGatewayIsHeldAndVisibleToDispatchers() throws Exception {
        // Given a survey link for a reporter by SMS, and no SMS gateway
        tx.executeWithoutResult(s -> notifications.enqueue(new Message("survey-C-6", Channel.SMS, "13812345678", null,
                "SURVEY_LINK", Map.of("trackingNumber", "C-6", "link", "https://gc.example.cn/s/x1"), "C-6")));

        // When the dispatcher runs, now and later
        dispatcher.dispatch();
        clock.advance(Duration.ofDays(1));
        dispatcher.dispatch();

        // Then it is kept as HELD, untouched
        OutboxMessage held = row("survey-C-6");
        assertThat(held.getStatus()).isEqualTo(NotificationStatus.HELD);
        assertThat(held.getAttempts()).isZero();
        // And a dispatcher sees it with the number masked and without the reporter's survey link
        mvc.perform(get("/api/notifications").param("status", "HELD").param("caseRef", "C-6")
                        .with(httpBasic("chenxiaoyan", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalItems").value(1))
                .andExpect(jsonPath("$.items[0].channel").value("SMS"))
                .andExpect(jsonPath("$.items[0].status").value("HELD"))
                .andExpect(jsonPath("$.items[0].recipient").value("138****5678"))
                .andExpect(jsonPath("$.items[0].template").value("SURVEY_LINK"))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(
                        "gc.example.cn"))));
        assertThat(meters.get("gridcase.notifications.outbox").tag("status", "HELD").gauge().value())
                .isGreaterThanOrEqualTo(1);
        assertThat(smsGateway.sent).isEmpty();
    }

    @Test
    void heldMessagesAreSentOnceTheirChannelIsConfigured() {
        // Given an SMS held while no gateway is configured
        tx.executeWithoutResult(s -> notifications.enqueue(new Message("closed-C-10", Channel.SMS, "13900000099",
                null, "CASE_CLOSED", Map.of("trackingNumber", "C-10", "result", "路灯已修复"), "C-10")));
        dispatcher.dispatch();
        assertThat(row("closed-C-10").getStatus()).isEqualTo(NotificationStatus.HELD);

        // When a gateway adapter is configured (a restart with its settings)
        smsGateway.on.set(true);
        dispatcher.dispatch();

        // Then the held message is sent through it, once (with whatever else was held)
        assertThat(row("closed-C-10").getStatus()).isEqualTo(NotificationStatus.SENT);
        assertThat(smsSentFor("C-10")).hasSize(1);
        assertThat(smsSentFor("C-10").get(0).getBody()).contains("编号C-10").contains("办理结果：路灯已修复");
        dispatcher.dispatch();
        assertThat(smsSentFor("C-10")).hasSize(1);
        smsGateway.sent.clear();
    }

    @Test
    void smtpDownRetriesWithBackoffUntilFailedThenAnAdminRetries() throws Exception {
        // Given the mail server is unreachable
        mailSender.setPort(closedPort());
        tx.executeWithoutResult(s -> notifications.enqueue(taskAssigned("down-1", "gaojing@example.org", "C-7")));

        // When the dispatcher runs: the attempt fails and is rescheduled 30 s later
        dispatcher.dispatch();
        OutboxMessage first = row("down-1");
        assertThat(first.getStatus()).isEqualTo(NotificationStatus.PENDING);
        assertThat(first.getAttempts()).isEqualTo(1);
        assertThat(first.getNextAttemptAt()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(first.getLastError()).isNotBlank().doesNotContain("gaojing");

        // And it is not tried again before it is due
        clock.advance(Duration.ofSeconds(29));
        dispatcher.dispatch();
        assertThat(row("down-1").getAttempts()).isEqualTo(1);

        // When every retry fails too
        clock.advance(Duration.ofSeconds(1));
        for (int attempt = 2; attempt <= 8; attempt++) {
            dispatcher.dispatch();
            OutboxMessage m = row("down-1");
            assertThat(m.getAttempts()).isEqualTo(attempt);
            if (attempt < 8) {
                assertThat(m.getStatus()).isEqualTo(NotificationStatus.PENDING);
                assertThat(m.getNextAttemptAt()).isEqualTo(clock.instant().plus(OutboxDispatcher.backoff(attempt)));
                clock.advance(OutboxDispatcher.backoff(attempt));
            }
        }

        // Then it is FAILED after the 8th attempt and left alone
        assertThat(row("down-1").getStatus()).isEqualTo(NotificationStatus.FAILED);
        clock.advance(Duration.ofDays(2));
        dispatcher.dispatch();
        assertThat(row("down-1").getAttempts()).isEqualTo(8);
        long id = row("down-1").getId();

        // And only an administrator may send it again
        mvc.perform(post("/api/notifications/{id}/retry", id).with(httpBasic("chenxiaoyan", "demo")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/notifications/{id}/retry", id).with(httpBasic("admin", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.attempts").value(0));

        // When the mail server is back
        mailSender.setPort(smtpPort);
        dispatcher.dispatch();

        // Then the mail goes out once, and a second retry is refused: it is no longer FAILED
        assertThat(row("down-1").getStatus()).isEqualTo(NotificationStatus.SENT);
        assertThat(mailsTo("gaojing@example.org")).hasSize(1);
        mvc.perform(post("/api/notifications/{id}/retry", id).with(httpBasic("admin", "demo")))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aMalformedAddressFailsAtOnce() {
        tx.executeWithoutResult(s -> notifications.enqueue(taskAssigned("bad-address", "not an address@", "C-8")));

        dispatcher.dispatch();

        OutboxMessage m = row("bad-address");
        assertThat(m.getStatus()).isEqualTo(NotificationStatus.FAILED);
        assertThat(m.getAttempts()).isEqualTo(1);
        assertThat(m.getLastError()).contains("malformed email address");
    }

    @Test
    void theListMasksRecipientsAndIsForDispatchersAndAdmins() throws Exception {
        tx.executeWithoutResult(s -> notifications.enqueue(taskAssigned("list-1", "wangfang@example.org", "C-9")));

        mvc.perform(get("/api/notifications").param("caseRef", "C-9").with(httpBasic("admin", "demo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].recipient").value("w***@example.org"))
                .andExpect(jsonPath("$.items[0].subject").value("新任务待办理：处置事件（案件编号 C-9）"))
                .andExpect(jsonPath("$.items[0].caseRef").value("C-9"))
                .andExpect(content().string(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.containsString("wangfang@"))));
        assertThat(notifications.forCase("C-9")).extracting(NotificationView::recipient)
                .containsExactly("w***@example.org");

        mvc.perform(get("/api/notifications").with(httpBasic("zhangwei", "demo")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/notifications").param("size", "500").with(httpBasic("chenxiaoyan", "demo")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(get("/api/notifications").param("status", "LOST").with(httpBasic("chenxiaoyan", "demo")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("status"));
        mvc.perform(post("/api/notifications/{id}/retry", 999999).with(httpBasic("admin", "demo")))
                .andExpect(status().isNotFound());
    }

    private static Message taskAssigned(String dedupKey, String email, String caseRef) {
        return new Message(dedupKey, Channel.EMAIL, email, "liuyang", "TASK_ASSIGNED", Map.of(
                "trackingNumber", caseRef,
                "caseTitle", "东湖社区3号楼前垃圾堆放",
                "taskName", "处置事件",
                "dueAt", Instant.parse("2025-03-12T09:30:00Z"),
                "link", "http://localhost:8080/camunda/app/tasklist/"), caseRef);
    }

    private List<OutboxMessage> smsSentFor(String caseRef) {
        return smsGateway.sent.stream().filter(m -> caseRef.equals(m.getCaseRef())).toList();
    }

    private OutboxMessage row(String dedupKey) {
        return messages.findAll().stream().filter(m -> m.getDedupKey().equals(dedupKey)).findFirst().orElseThrow();
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(RecipientType.TO)).anyMatch(a -> a.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static int freePort() {
        try {
            return closedPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package org.gridcase.notify;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.gridcase.support.DemoProfile;
import org.gridcase.support.NotFoundException;
import org.gridcase.support.PageView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.gridcase.support.BusinessClock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The notification outbox, for every feature: {@link #enqueue} a message inside the transaction that changes the
 * case or the engine state; it is rendered now, stored in that transaction, and sent after commit by the
 * {@link OutboxDispatcher}. Staff read the outbox through {@link #list} (recipients masked).
 */
@Service
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One logical notification.
     *
     * @param dedupKey       identifies the logical message: enqueueing the same key again (a retried job, a
     *                       re-entered listener) is a no-op. Build it from what makes it unique, e.g.
     *                       {@code "TASK_ASSIGNED:" + taskId + ":" + login}; at most 190 characters
     * @param channel        EMAIL or SMS
     * @param recipient      the email address or mobile number
     * @param recipientLogin the staff login of the recipient, null for a reporter
     * @param template       a template name, see {@link #templates()}
     * @param model          the template's placeholder values; every placeholder must have a non-null value
     *                       (Instant, LocalDate… are written as Chinese dates in Asia/Shanghai)
     * @param caseRef        the case's tracking number or business key, null when there is no case
     */
    public record Message(String dedupKey, Channel channel, String recipient, String recipientLogin, String template,
            Map<String, Object> model, String caseRef) {

        public Message {
            require(dedupKey, "dedupKey", 190);
            if (channel == null) {
                throw new IllegalArgumentException("Notification channel is required");
            }
            require(recipient, "recipient", 128);
            require(template, "template", 64);
            limit(recipientLogin, "recipientLogin", 64);
            limit(caseRef, "caseRef", 64);
            model = model == null ? Map.of() : model;
        }

        private static void require(String value, String field, int max) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("Notification " + field + " is required");
            }
            limit(value, field, max);
        }

        private static void limit(String value, String field, int max) {
            if (value != null && value.length() > max) {
                throw new IllegalArgumentException("Notification " + field + " longer than " + max + " characters");
            }
        }
    }

    private static final String INSERT = """
            insert into notification (dedup_key, channel, recipient, recipient_login, template, subject, body,
                case_ref, status, attempts, next_attempt_at, created_at, version, template_params)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 0, ?)""";

    private final OutboxMessages messages;
    private final NotificationTemplates templates;
    private final ChannelSenders senders;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final boolean demo;

    Notifications(OutboxMessages messages, NotificationTemplates templates, ChannelSenders senders, JdbcTemplate jdbc,
            ObjectProvider<Clock> clock, Environment environment) {
        this.messages = messages;
        this.templates = templates;
        this.senders = senders;
        this.jdbc = jdbc;
        this.clock = clock.getIfUnique(() -> BusinessClock.INSTANCE);
        this.demo = environment.acceptsProfiles(Profiles.of(DemoProfile.DEMO));
    }

    /**
     * Renders the message and stores it in the caller's transaction (there must be one: the row commits with the
     * state change that caused it, or not at all). A message whose dedupKey is stored already is ignored.
     *
     * @throws IllegalArgumentException an unknown template, a placeholder without a value, a missing field
     * @throws org.springframework.transaction.IllegalTransactionStateException when called outside a transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(Message message) {
        NotificationTemplates.Rendered text = templates.render(message.template(), message.model());
        if (exists(message.dedupKey())) {
            log.debug("Notification {} already queued, ignored", message.dedupKey());
            return;
        }
        NotificationStatus status = senders.configured(message.channel()).isPresent()
                ? NotificationStatus.PENDING : NotificationStatus.HELD;
        if (insert(message, text, status, clock.instant())) {
            log.info("Notification {} to {} for case {} queued ({})", message.template(),
                    OutboxMessage.mask(message.channel(), message.recipient()), message.caseRef(), status);
        }
    }

    /** The names of the notification templates. */
    public List<String> templates() {
        return templates.names();
    }

    /** The outbox for staff, newest first, without bodies; status and caseRef filter when given. */
    @Transactional(readOnly = true)
    public PageView<NotificationView> list(NotificationStatus status, String caseRef, int page, int size) {
        return list(status, caseRef, null, false, page, size);
    }

    /**
     * The outbox for staff, newest first; status, caseRef and channel filter when given. Bodies carry reporters'
     * one-time survey links: they are shown only in the demo profile (where the {@link DemoSmsSink} is the SMS
     * "gateway", so a newcomer can follow a link) and only to an administrator; outside demo never, to nobody.
     */
    @Transactional(readOnly = true)
    public PageView<NotificationView> list(NotificationStatus status, String caseRef, Channel channel,
            boolean administrator, int page, int size) {
        String ref = caseRef == null || caseRef.isBlank() ? null : caseRef.strip();
        boolean bodies = demo && administrator;
        return PageView.of(messages.search(status, ref, channel,
                PageView.request(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id")))),
                bodies ? NotificationView::withBody : NotificationView::of);
    }

    /** The notifications of one case, oldest first (recipients masked). */
    @Transactional(readOnly = true)
    public List<NotificationView> forCase(String caseRef) {
        return messages.findByCaseRefOrderByCreatedAtAscIdAsc(caseRef).stream().map(NotificationView::of).toList();
    }

    /**
     * Sends a FAILED message again with a fresh set of attempts.
     *
     * @throws NotFoundException     no such message
     * @throws NotRetryableException the message is not FAILED
     */
    @Transactional
    public NotificationView retry(long id) {
        OutboxMessage message = messages.findById(id)
                .orElseThrow(() -> new NotFoundException("通知 " + id + " 不存在"));
        if (message.getStatus() != NotificationStatus.FAILED) {
            throw new NotRetryableException(id, message.getStatus());
        }
        message.requeue(clock.instant());
        messages.flush();
        log.info("Notification {} to {} requeued by an administrator", id, message.maskedRecipient());
        return NotificationView.of(message);
    }

    private boolean exists(String dedupKey) {
        Integer count = jdbc.queryForObject("select count(*) from notification where dedup_key = ?", Integer.class,
                dedupKey);
        return count != null && count > 0;
    }

    /**
     * Plain JDBC, not the entity manager: when a concurrent transaction stored the same dedupKey between the
     * check and here, the unique key rejects this one statement (MySQL and H2 keep the transaction going) and
     * the caller's transaction stays healthy; a failed Hibernate flush would doom it.
     *
     * @return false when the dedupKey was taken meanwhile
     */
    boolean insert(Message message, NotificationTemplates.Rendered text, NotificationStatus status, Instant now) {
        // the same UTC wall-clock Hibernate writes for an Instant (hibernate.jdbc.time_zone=UTC)
        LocalDateTime utc = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        try {
            jdbc.update(INSERT, message.dedupKey(), message.channel().name(), message.recipient(),
                    message.recipientLogin(), message.template(), text.subject(), text.body(), message.caseRef(),
                    status.name(), Timestamp.valueOf(utc), Timestamp.valueOf(utc), templateParams(message));
            return true;
        } catch (DuplicateKeyException e) {
            log.debug("Notification {} queued concurrently, ignored", message.dedupKey());
            return false;
        }
    }

    /**
     * SMS only: the values of the template's placeholders as they are written into the text (dates the Chinese
     * way), as JSON. A template-based gateway (Aliyun: pre-approved templates) sends its template code and these
     * values instead of the text; only the placeholders the template uses are kept, not the whole model.
     */
    private String templateParams(Message message) {
        if (message.channel() != Channel.SMS) {
            return null;
        }
        Map<String, String> params = new TreeMap<>();
        for (String placeholder : templates.template(message.template()).placeholders()) {
            params.put(placeholder, NotificationTemplates.format(message.model().get(placeholder)));
        }
        try {
            String json = JSON.writeValueAsString(params);
            return json.length() <= 4000 ? json : null;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the template parameters", e);
        }
    }

    /** A retry of a message that has not FAILED. */
    public static class NotRetryableException extends RuntimeException {

        NotRetryableException(long id, NotificationStatus status) {
            super("通知 " + id + " 的状态为 " + status + "，只有发送失败（FAILED）的通知可以重新发送");
        }
    }
}

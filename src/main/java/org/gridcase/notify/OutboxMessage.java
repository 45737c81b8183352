package org.gridcase.notify;

import java.time.Instant;

import org.gridcase.support.Masking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One rendered notification in the outbox. Rows are inserted by {@link Notifications} (plain JDBC, so a duplicate
 * key never poisons the caller's transaction) and moved through their states by the {@link OutboxDispatcher}
 * with version-checked updates. Senders only read it.
 */
@Entity
@Table(name = "notification")
public class OutboxMessage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "dedup_key", nullable = false, length = 190)
    private String dedupKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Channel channel;

    @Column(nullable = false, length = 128)
    private String recipient;

    @Column(name = "recipient_login", length = 64)
    private String recipientLogin;

    @Column(nullable = false, length = 64)
    private String template;

    @Column(nullable = false)
    private String subject;

    /** longtext on MySQL, a large varchar on H2. */
    @Column(nullable = false)
    private String body;

    @Column(name = "case_ref", length = 64)
    private String caseRef;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private NotificationStatus status;

    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "last_error", length = 1000)
    private String lastError;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    /** The gateway's id(s) for the sent message (SMPP message ids of its parts, Aliyun's BizId). */
    @Column(name = "gateway_ref", length = 1000)
    private String gatewayRef;

    /** SMS only: the template's placeholder values as JSON, for gateways that send a template code and values. */
    @Column(name = "template_params", length = 4000)
    private String templateParams;

    /**
     * Set when a send attempt starts, cleared when its outcome is known. Read before a send (the dispatcher passes
     * the row as it was before its claim): non-null means an earlier attempt's outcome is unknown.
     */
    @Column(name = "attempt_started_at")
    private Instant attemptStartedAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Version
    private long version;

    protected OutboxMessage() {
    }

    public Long getId() {
        return id;
    }

    public String getDedupKey() {
        return dedupKey;
    }

    public Channel getChannel() {
        return channel;
    }

    /** The email address or mobile number. Never log it: use {@link #maskedRecipient()}. */
    public String getRecipient() {
        return recipient;
    }

    public String getRecipientLogin() {
        return recipientLogin;
    }

    public String getTemplate() {
        return template;
    }

    public String getSubject() {
        return subject;
    }

    public String getBody() {
        return body;
    }

    public String getCaseRef() {
        return caseRef;
    }

    public NotificationStatus getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public String getLastError() {
        return lastError;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getSentAt() {
        return sentAt;
    }

    public String getGatewayRef() {
        return gatewayRef;
    }

    public String getTemplateParams() {
        return templateParams;
    }

    /**
     * When the previous attempt started whose outcome is unknown (it timed out after handing the message over, or
     * its node died mid-send); null when every earlier attempt's outcome is known. A sender that can ask its
     * gateway whether the message went out does so before sending again.
     */
    public Instant getAttemptStartedAt() {
        return attemptStartedAt;
    }

    public Instant getDeliveredAt() {
        return deliveredAt;
    }

    public long getVersion() {
        return version;
    }

    /** The recipient as logs and staff lists show it: 138****5678, z***@example.org. */
    public String maskedRecipient() {
        return mask(channel, recipient);
    }

    static String mask(Channel channel, String recipient) {
        return channel == Channel.EMAIL ? Masking.email(recipient) : Masking.phone(recipient);
    }

    /**
     * An administrator sends a FAILED message again, with a fresh set of attempts. That is the operator's decision
     * that the message did not arrive: an unknown earlier outcome is forgotten, so it is sent without asking the
     * gateway first.
     */
    void requeue(Instant now) {
        this.status = NotificationStatus.PENDING;
        this.attempts = 0;
        this.nextAttemptAt = now;
        this.attemptStartedAt = null;
    }
}

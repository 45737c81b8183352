package org.gridcase.notify;

import java.time.Instant;

/** An outbox row as staff see it: the recipient masked, the body (which may carry a reporter's link) left out. */
public record NotificationView(long id, Channel channel, String recipient, String recipientLogin, String template,
        String subject, String caseRef, NotificationStatus status, int attempts, Instant nextAttemptAt,
        String lastError, Instant createdAt, Instant sentAt) {

    static NotificationView of(OutboxMessage m) {
        return new NotificationView(m.getId(), m.getChannel(), m.maskedRecipient(), m.getRecipientLogin(),
                m.getTemplate(), m.getSubject(), m.getCaseRef(), m.getStatus(), m.getAttempts(),
                m.getStatus() == NotificationStatus.PENDING || m.getStatus() == NotificationStatus.HELD
                        ? m.getNextAttemptAt() : null,
                m.getLastError(), m.getCreatedAt(), m.getSentAt());
    }
}

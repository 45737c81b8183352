package org.gridcase.notify;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An outbox row as staff see it: the recipient masked, the body (which may carry a reporter's one-time link) left
 * out; only an administrator of the demo profile reads bodies (see {@link Notifications#list}), and then
 * {@code body} is there.
 */
public record NotificationView(long id, Channel channel, String recipient, String recipientLogin, String template,
        String subject, String caseRef, NotificationStatus status, int attempts, Instant nextAttemptAt,
        String lastError, Instant createdAt, Instant sentAt, Instant deliveredAt, String gatewayRef,
        @JsonInclude(JsonInclude.Include.NON_NULL) String body) {

    static NotificationView of(OutboxMessage m) {
        return of(m, false);
    }

    static NotificationView withBody(OutboxMessage m) {
        return of(m, true);
    }

    private static NotificationView of(OutboxMessage m, boolean body) {
        return new NotificationView(m.getId(), m.getChannel(), m.maskedRecipient(), m.getRecipientLogin(),
                m.getTemplate(), m.getSubject(), m.getCaseRef(), m.getStatus(), m.getAttempts(),
                m.getStatus() == NotificationStatus.PENDING || m.getStatus() == NotificationStatus.HELD
                        ? m.getNextAttemptAt() : null,
                m.getLastError(), m.getCreatedAt(), m.getSentAt(), m.getDeliveredAt(), m.getGatewayRef(),
                body ? m.getBody() : null);
    }
}

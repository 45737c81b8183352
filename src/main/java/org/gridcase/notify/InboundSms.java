package org.gridcase.notify;

import java.time.Instant;

/**
 * An SMS a resident sent to GridCase (a mobile-originated message that an SMS gateway adapter received, such as a
 * reply to a notice), published as a Spring application event after the adapter has received it. Features that
 * accept replies listen with {@code @EventListener} or {@code @TransactionalEventListener}; the adapter does not
 * know who listens. Delivery receipts are not inbound SMS: the adapter applies them to the outbox itself.
 *
 * @param from       the sender's mobile number as the gateway gave it (normalised to 11 digits where it is a
 *                   mainland number); personal data: mask it in logs with {@code Masking.phone}
 * @param text       the message text, decoded (UCS-2 or GSM), trimmed
 * @param receivedAt when the gateway delivered it to this node
 * @param gatewayRef the gateway's id for the message, for tracing (may be null)
 */
public record InboundSms(String from, String text, Instant receivedAt, String gatewayRef) {
}

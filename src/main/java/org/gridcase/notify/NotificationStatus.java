package org.gridcase.notify;

/** Where an outbox row stands. */
public enum NotificationStatus {
    /** Waiting to be sent, or to be retried at {@code next_attempt_at}. */
    PENDING,
    /** Handed to the mail server or SMS gateway. */
    SENT,
    /** Given up after the maximum number of attempts, or undeliverable (bad address); an admin may retry it. */
    FAILED,
    /** Its channel is not configured here: kept and visible, sent once the channel is configured. */
    HELD
}

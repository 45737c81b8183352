package org.gridcase.notify;

/** Where an outbox row stands. */
public enum NotificationStatus {
    /** Waiting to be sent, or to be retried at {@code next_attempt_at}. */
    PENDING,
    /** Handed to the mail server or SMS gateway. */
    SENT,
    /** The SMS gateway's delivery receipt says it reached the handset (after SENT; SMPP only). */
    DELIVERED,
    /**
     * Given up after the maximum number of attempts, undeliverable (bad address, refused by the gateway, a failed
     * delivery receipt), or an SMPP send whose outcome is unknown (see {@code SmppSmsSender}); an admin may retry it.
     */
    FAILED,
    /** Its channel is not configured here: kept and visible, sent once the channel is configured. */
    HELD
}

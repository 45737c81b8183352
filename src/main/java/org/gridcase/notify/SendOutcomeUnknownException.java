package org.gridcase.notify;

/**
 * A send attempt whose outcome is unknown: the message may have reached the gateway (it was written, and no answer
 * came). The dispatcher keeps {@code attempt_started_at} set, so the next attempt knows to find out first.
 * {@link #needsOperator()}: the sender cannot find out by itself (SMPP has no way to ask about a message whose id
 * it never learned), so the row is FAILED for an administrator instead of being retried.
 */
class SendOutcomeUnknownException extends Exception {

    private final boolean needsOperator;

    SendOutcomeUnknownException(String message, boolean needsOperator, Throwable cause) {
        super(message, cause);
        this.needsOperator = needsOperator;
    }

    boolean needsOperator() {
        return needsOperator;
    }
}

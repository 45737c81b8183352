package org.gridcase.notify;

/**
 * Delivers outbox messages of one channel. Spring beans implementing it are picked up by the dispatcher; for each
 * channel the first bean (in {@code @Order}) that is {@link #configured()} sends. The SMS gateways
 * ({@link SmppSmsSender}, {@link AliyunSmsSender}) come before the demo profile's {@link DemoSmsSink}.
 */
public interface ChannelSender {

    Channel channel();

    /** Whether this node can send on the channel; while false, the channel's messages are HELD, not lost. */
    boolean configured();

    /**
     * Sends one message (synchronously: when it returns, the mail server or gateway has accepted it).
     * Throw {@link IllegalArgumentException} when the message can never be delivered (a malformed address, a number
     * or template the gateway refuses): it is marked FAILED at once. Throw {@link SendOutcomeUnknownException} when
     * the message may have been handed over (a timeout after it was written): the next attempt sees
     * {@link OutboxMessage#getAttemptStartedAt()} set and must find out before sending again. Any other exception
     * means it was not handed over and is retried with backoff. Exception messages end up in {@code last_error};
     * keep personal data out of them.
     */
    void send(OutboxMessage message) throws Exception;

    /**
     * Sends like {@link #send} and answers the gateway's id(s) for the message (stored as {@code gateway_ref}), or
     * null when it gives none. The dispatcher calls this one; senders without ids need not override it.
     */
    default String sendForReference(OutboxMessage message) throws Exception {
        send(message);
        return null;
    }
}

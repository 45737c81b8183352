package org.gridcase.notify;

/**
 * Delivers outbox messages of one channel. Spring beans implementing it are picked up by the dispatcher; for each
 * channel the first bean that is {@link #configured()} sends. A real SMS gateway is added as one more bean with
 * {@code channel() == SMS} (the built-in {@link SmsChannelSender} is a never-configured placeholder).
 */
public interface ChannelSender {

    Channel channel();

    /** Whether this node can send on the channel; while false, the channel's messages are HELD, not lost. */
    boolean configured();

    /**
     * Sends one message (synchronously: when it returns, the mail server or gateway has accepted it).
     * Throw {@link IllegalArgumentException} when the message can never be delivered (a malformed address): it is
     * marked FAILED at once. Any other exception is retried with backoff. Exception messages end up in
     * {@code last_error}; keep personal data out of them.
     */
    void send(OutboxMessage message) throws Exception;
}

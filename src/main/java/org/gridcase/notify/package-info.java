/**
 * Notifications through a transactional outbox: {@link org.gridcase.notify.Notifications#enqueue} writes a row in
 * the caller's transaction (it commits with the case and engine state or not at all), the
 * {@link org.gridcase.notify.OutboxDispatcher} sends it later by mail (Spring Mail) or SMS
 * (a {@link org.gridcase.notify.ChannelSender} for a gateway), with retries and backoff.
 * Texts are Chinese templates under {@code classpath:notify/templates/}.
 */
package org.gridcase.notify;

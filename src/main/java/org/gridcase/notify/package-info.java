/**
 * Notifications through a transactional outbox: {@link org.gridcase.notify.Notifications#enqueue} writes a row in
 * the caller's transaction (it commits with the case and engine state or not at all), the
 * {@link org.gridcase.notify.OutboxDispatcher} sends it later by mail (Spring Mail) or SMS (SMPP 3.4 through
 * {@code SmppSmsSender}, or Aliyun SMS through {@code AliyunSmsSender}, chosen by {@code GRIDCASE_SMS_PROVIDER}),
 * with retries and backoff; SMPP delivery receipts move a row to DELIVERED or FAILED, and a resident's SMS is
 * published as an {@link org.gridcase.notify.InboundSms} event.
 * Texts are Chinese templates under {@code classpath:notify/templates/}.
 */
package org.gridcase.notify;

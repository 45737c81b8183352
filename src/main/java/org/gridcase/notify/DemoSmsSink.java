package org.gridcase.notify;

import org.gridcase.support.DemoProfile;
import org.gridcase.support.Masking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The SMS "gateway" of the demo profile when no real one is configured ({@code GRIDCASE_SMS_PROVIDER} blank): in
 * the demo every SMS is delivered here. The
 * dispatcher marks it SENT and the outbox keeps it with its body, which administrators read through
 * {@code GET /api/notifications?channel=SMS} (see {@link Notifications#list}): that is how a newcomer follows a
 * reporter's survey link. One log line per message, the phone number masked and no body (the body carries the
 * one-time link). Never a bean outside the demo profile; {@code gridcase.notify.sms.demo-sink=false} turns it off.
 * Ordered last and off while a gateway is configured: {@link SmppSmsSender} or {@link AliyunSmsSender} sends instead,
 * in the demo too.
 */
@Component
@Profile(DemoProfile.DEMO)
@Order(Ordered.LOWEST_PRECEDENCE)
class DemoSmsSink implements ChannelSender {

    private static final Logger log = LoggerFactory.getLogger(DemoSmsSink.class);

    private final boolean on;

    DemoSmsSink(NotifyProperties properties) {
        this.on = properties.sms() == null || properties.sms().demoSink() && properties.sms().provider().isEmpty();
        if (on) {
            log.info("Demo profile: SMS messages go to the demo SMS sink (administrators read them at "
                    + "GET /api/notifications?channel=SMS); no SMS leaves this node");
        }
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public boolean configured() {
        return on;
    }

    @Override
    public void send(OutboxMessage message) {
        log.info("Demo SMS sink: {} to {} for case {} kept (message {})", message.getTemplate(),
                Masking.phone(message.getRecipient()), message.getCaseRef(), message.getId());
    }
}

package org.gridcase.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Placeholder for SMS: this build has no gateway adapter, so it is never configured and SMS messages stay HELD
 * (visible, nothing lost). A real gateway is a {@link ChannelSender} bean for {@link Channel#SMS} whose
 * {@code configured()} is true when {@code gridcase.notify.sms.gateway-url} (and its credentials) are set; held
 * messages are then sent on its node's next dispatcher run.
 */
@Component
class SmsChannelSender implements ChannelSender {

    private static final Logger log = LoggerFactory.getLogger(SmsChannelSender.class);

    SmsChannelSender(NotifyProperties properties) {
        if (properties.sms() != null && StringUtils.hasText(properties.sms().gatewayUrl())) {
            log.warn("gridcase.notify.sms.gateway-url is set, but this build has no SMS gateway adapter: "
                    + "SMS notifications stay HELD until a ChannelSender for SMS is deployed");
        }
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public boolean configured() {
        return false;
    }

    @Override
    public void send(OutboxMessage message) {
        throw new UnsupportedOperationException("No SMS gateway adapter in this build");
    }
}

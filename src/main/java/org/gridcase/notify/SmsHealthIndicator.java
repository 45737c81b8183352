package org.gridcase.notify;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health {@code sms}: always UP (SMS waiting for a gateway is a supported state, not an outage; the app stays
 * healthy), with what sends SMS on this node. Details follow {@code management.endpoint.health.show-details}
 * (administrators only): the provider, the SMPP session's state and the class of its last failure — never a
 * host, an account or a key.
 */
@Component("smsHealthIndicator")
class SmsHealthIndicator implements HealthIndicator {

    private final NotifyProperties.Sms sms;
    private final SmppConnection smpp;
    private final AliyunSmsSender aliyun;
    private final ChannelSenders senders;

    SmsHealthIndicator(NotifyProperties properties, SmppConnection smpp, AliyunSmsSender aliyun,
            ChannelSenders senders) {
        this.sms = properties.sms();
        this.smpp = smpp;
        this.aliyun = aliyun;
        this.senders = senders;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        if (sms.is(NotifyProperties.Sms.SMPP)) {
            health.withDetail("provider", "smpp").withDetail("configured", true)
                    .withDetail("session", smpp.state().name()).withDetail("bindType", sms.smpp().bindType());
            if (smpp.state() != SmppConnection.State.BOUND) {
                health.withDetail("message", "SMPP 会话未绑定，短信稍后重试（" + smpp.state() + "）");
                if (smpp.lastError() != null) {
                    health.withDetail("lastError", smpp.lastError());
                }
            }
            return health.build();
        }
        if (sms.is(NotifyProperties.Sms.ALIYUN)) {
            return health.withDetail("provider", "aliyun").withDetail("configured", true)
                    .withDetail("templates", aliyun.templates()).build();
        }
        boolean demoSink = senders.configured(Channel.SMS).map(DemoSmsSink.class::isInstance).orElse(false);
        return health.withDetail("provider", "none").withDetail("configured", false)
                .withDetail("message", demoSink
                        ? "未配置短信网关（SMS not configured）：演示短信箱代收，短信不会发出"
                        : "未配置短信网关（SMS not configured）：短信保留待发（HELD）")
                .build();
    }
}

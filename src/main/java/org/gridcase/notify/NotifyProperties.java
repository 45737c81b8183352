package org.gridcase.notify;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gridcase.notify.*}.
 *
 * @param mailFrom    the From of every mail; "网格化管理平台 &lt;noreply@example.org&gt;" also works
 * @param pollMillis  pause between two dispatcher runs (also read directly by the schedule)
 * @param maxAttempts attempts before a message is FAILED
 * @param sms         the SMS gateway
 */
@ConfigurationProperties(prefix = "gridcase.notify")
record NotifyProperties(@DefaultValue("noreply@gridcase.local") String mailFrom, @DefaultValue("5000") long pollMillis,
        @DefaultValue("8") int maxAttempts, @DefaultValue Sms sms) {

    NotifyProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("gridcase.notify.max-attempts must be at least 1");
        }
        if (pollMillis < 1) {
            throw new IllegalArgumentException("gridcase.notify.poll-millis must be positive");
        }
    }

    /**
     * @param gatewayUrl the SMS gateway; blank: SMS messages are HELD
     * @param demoSink   in the demo profile only: the {@link DemoSmsSink} takes every SMS (kept in the outbox with
     *                   its body, for administrators to read); false: SMS messages are HELD there too
     */
    record Sms(String gatewayUrl, @DefaultValue("true") boolean demoSink) {
    }
}

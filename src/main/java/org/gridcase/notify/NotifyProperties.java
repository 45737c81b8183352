package org.gridcase.notify;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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
     * @param provider the SMS gateway of this node: {@code smpp}, {@code aliyun}, or blank (none: SMS messages are
     *                 HELD, or go to the demo sink in the demo profile)
     * @param sender   the sender: the SMPP source address (a service number such as 106900001234), or Aliyun's
     *                 sign name (签名, e.g. 示范镇网格化管理)
     * @param demoSink in the demo profile only: the {@link DemoSmsSink} takes every SMS (kept in the outbox with
     *                 its body, for administrators to read) unless a gateway is configured; false: SMS messages are
     *                 HELD there too
     * @param smpp     the SMPP 3.4 gateway
     * @param aliyun   Aliyun SMS (dysmsapi 2017-05-25)
     */
    record Sms(String provider, String sender, @DefaultValue("true") boolean demoSink, @DefaultValue Smpp smpp,
            @DefaultValue Aliyun aliyun) {

        static final String SMPP = "smpp";
        static final String ALIYUN = "aliyun";

        Sms {
            provider = provider == null ? "" : provider.strip().toLowerCase(Locale.ROOT);
            if (!provider.isEmpty() && !provider.equals(SMPP) && !provider.equals(ALIYUN)) {
                throw new IllegalArgumentException("gridcase.notify.sms.provider (GRIDCASE_SMS_PROVIDER) must be "
                        + "smpp, aliyun or empty, not '" + provider + "'");
            }
        }

        boolean is(String name) {
            return provider.equals(name);
        }
    }

    /**
     * @param host                the SMSC or aggregator
     * @param port                its port (2775 is usual)
     * @param systemId            the account (system_id)
     * @param password            its password
     * @param systemType          system_type, if the gateway wants one
     * @param bindType            {@code transceiver} (send, receive receipts and replies on one session) or
     *                            {@code transmitter} (send only: no receipts, no replies on this session)
     * @param enquireLinkMillis   pause between two enquire_link (the session's heartbeat)
     * @param responseMillis      how long to wait for a submit_sm_resp; after that the outcome is unknown
     * @param reconnectMinMillis  first pause before rebinding a dropped session; doubles on every failure
     * @param reconnectMaxMillis  longest pause between two rebind attempts
     * @param submitsPerSecond    most submit_sm per second this node sends (the gateway's window)
     */
    record Smpp(String host, @DefaultValue("2775") int port, String systemId, String password, String systemType,
            @DefaultValue("transceiver") String bindType, @DefaultValue("30000") long enquireLinkMillis,
            @DefaultValue("10000") long responseMillis, @DefaultValue("1000") long reconnectMinMillis,
            @DefaultValue("60000") long reconnectMaxMillis, @DefaultValue("20") int submitsPerSecond) {

        Smpp {
            bindType = bindType == null ? "transceiver" : bindType.strip().toLowerCase(Locale.ROOT);
            if (!bindType.equals("transceiver") && !bindType.equals("transmitter")) {
                throw new IllegalArgumentException(
                        "gridcase.notify.sms.smpp.bind-type must be transceiver or transmitter, not " + bindType);
            }
            if (submitsPerSecond < 1) {
                throw new IllegalArgumentException("gridcase.notify.sms.smpp.submits-per-second must be positive");
            }
        }

        boolean transceiver() {
            return bindType.equals("transceiver");
        }
    }

    /**
     * @param accessKeyId     the RAM user's AccessKey id
     * @param accessKeySecret its secret
     * @param endpoint        the API's address (https://dysmsapi.aliyuncs.com)
     * @param regionId        RegionId of every call (cn-hangzhou)
     * @param templates       GridCase template name = Aliyun template code, comma-separated
     *                        ({@code SURVEY_LINK=SMS_123456789,CASE_CLOSED=SMS_123456790}), each template approved by
     *                        Aliyun with the same variables as the GridCase template's placeholders
     * @param timeoutMillis   connect and answer timeout of one call; after a timeout the outcome is unknown
     */
    record Aliyun(String accessKeyId, String accessKeySecret,
            @DefaultValue("https://dysmsapi.aliyuncs.com") String endpoint,
            @DefaultValue("cn-hangzhou") String regionId, String templates,
            @DefaultValue("10000") long timeoutMillis) {

        Aliyun {
            templateCodes(templates);
        }

        Map<String, String> templateCodes() {
            return templateCodes(templates);
        }

        private static Map<String, String> templateCodes(String templates) {
            Map<String, String> codes = new TreeMap<>();
            if (templates == null || templates.isBlank()) {
                return codes;
            }
            for (String entry : templates.split(",")) {
                String[] pair = entry.split("=", 2);
                if (pair.length != 2 || pair[0].isBlank() || pair[1].isBlank()) {
                    throw new IllegalArgumentException("gridcase.notify.sms.aliyun.templates (GRIDCASE_ALIYUN_TEMPLATES)"
                            + " is NAME=CODE,NAME=CODE…; '" + entry.strip() + "' is not");
                }
                codes.put(pair[0].strip(), pair[1].strip());
            }
            return codes;
        }
    }
}

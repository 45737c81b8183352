package org.gridcase.notify;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.gridcase.support.BusinessClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SMPP parts a gateway accepted ({@code sms_gateway_part}: one row per submit_sm_resp, with the message id it
 * gave) and what their delivery receipts say. A message is DELIVERED once every part's receipt says DELIVRD, and
 * FAILED as soon as one part's receipt reports a failure (UNDELIV, EXPIRED, REJECTD, DELETED, UNKNOWN); ACCEPTD and
 * ENROUTE are intermediate and change nothing.
 */
@Component
class SmsReceipts {

    private static final Logger log = LoggerFactory.getLogger(SmsReceipts.class);
    static final String DELIVERED = "DELIVRD";
    private static final Set<String> INTERMEDIATE = Set.of("ACCEPTD", "ENROUTE");

    private final JdbcTemplate jdbc;
    private final OutboxMessages messages;
    private final Clock clock;

    SmsReceipts(JdbcTemplate jdbc, OutboxMessages messages, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.clock = clock.getIfUnique(() -> BusinessClock.INSTANCE);
    }

    /** One accepted part of an outbox message. */
    record Part(int number, String gatewayId) {
    }

    /** The parts of the message the gateway accepted so far, by part number. */
    List<Part> accepted(long notificationId) {
        return jdbc.query("select part_no, gateway_id from sms_gateway_part where notification_id = ? order by part_no",
                (rs, row) -> new Part(rs.getInt(1), rs.getString(2)), notificationId);
    }

    /** Records a part the gateway accepted, committed at once (a drop on the next part must not lose it). */
    @Transactional
    public void accepted(long notificationId, int part, int parts, String gatewayId) {
        jdbc.update("insert into sms_gateway_part (gateway_id, notification_id, part_no, parts) values (?, ?, ?, ?)",
                gatewayId, notificationId, part, parts);
    }

    /**
     * Applies a delivery receipt.
     *
     * @param gatewayId the message id the receipt names
     * @param state     its final state (DELIVRD, UNDELIV, EXPIRED…)
     * @param error     its error code, may be null
     * @return false for an id that is not one of ours (receipts of another node's or an older system's messages)
     */
    @Transactional
    public boolean apply(String gatewayId, String state, String error) {
        List<long[]> found = jdbc.query("select notification_id, parts from sms_gateway_part where gateway_id = ?",
                (rs, row) -> new long[] {rs.getLong(1), rs.getInt(2)}, gatewayId);
        if (found.isEmpty()) {
            log.info("SMPP delivery receipt for unknown message id {} ({}), ignored", gatewayId, state);
            return false;
        }
        long id = found.get(0)[0];
        long parts = found.get(0)[1];
        if (INTERMEDIATE.contains(state)) {
            return true;
        }
        jdbc.update("update sms_gateway_part set receipt = ? where gateway_id = ?", state, gatewayId);
        if (!DELIVERED.equals(state)) {
            String reason = "短信未送达：网关回执 " + state + (error == null || error.isBlank() ? "" : "（错误码 " + error.strip() + "）");
            if (messages.markUndelivered(id, ErrorText.mask(reason)) == 1) {
                log.warn("Notification {} not delivered: receipt {} error {}", id, state, error);
            }
            return true;
        }
        Integer delivered = jdbc.queryForObject(
                "select count(*) from sms_gateway_part where notification_id = ? and receipt = ?", Integer.class, id,
                DELIVERED);
        if (delivered != null && delivered >= parts && messages.markDelivered(id, clock.instant()) == 1) {
            log.info("Notification {} delivered ({} part(s))", id, parts);
        }
        return true;
    }
}

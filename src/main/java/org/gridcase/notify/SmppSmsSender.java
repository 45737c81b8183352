package org.gridcase.notify;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.SubmitSmResult;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * SMS over SMPP 3.4 through this node's {@link SmppConnection}: every part a submit_sm in UCS-2 ({@link SmsText}),
 * with a delivery receipt requested (registered_delivery: success and failure). Each accepted part's message id is
 * stored at once ({@link SmsReceipts}), the message's ids become its {@code gateway_ref}.
 * <p>
 * <b>The duplicate rule (SMPP).</b> A part is resubmitted only when it surely did not reach the gateway:
 * <ul>
 * <li>the session was not bound, or writing the PDU failed (IOException): not sent; the message is retried with
 * the outbox's back-off, and the retry sends only the parts without a stored message id, with the same
 * concatenation reference, so the handset still joins them;</li>
 * <li>the gateway answered with an error: temporary ones (ESME_RTHROTTLED, ESME_RMSGQFUL, system errors…) are
 * retried, permanent ones (ESME_RINVDSTADR…) fail the message at once;</li>
 * <li>the PDU was written and no submit_sm_resp came within {@code response-millis} (or an attempt's node stopped
 * mid-send): the gateway may have taken it, and SMPP 3.4 has no way to ask about a message whose id was never
 * returned (query_sm needs that id). GridCase does not guess: the message is FAILED with {@code last_error}
 * "结果未知…" naming the parts that were accepted, for an administrator to check (gateway portal, the resident)
 * and send again with {@code POST /api/notifications/{id}/retry} if it did not arrive; that retry sends the
 * parts without a stored id.</li>
 * </ul>
 */
@Component
@Order(0)
class SmppSmsSender implements ChannelSender {

    /** Refusals that never succeed for this message: bad numbers, bad message, refused by the gateway's rules. */
    private static final Set<Integer> PERMANENT = Set.of(0x01, 0x0A, 0x0B, 0x43, 0x48, 0x49, 0x50, 0x51, 0x62, 0x65,
            0x66);
    private static final Map<Integer, String> NAMES = names();

    private final SmppConnection connection;
    private final SmsReceipts parts;
    private final NotifyProperties.Sms sms;
    private final long intervalNanos;
    private long nextSubmitNanos;

    SmppSmsSender(SmppConnection connection, SmsReceipts parts, NotifyProperties properties) {
        this.connection = connection;
        this.parts = parts;
        this.sms = properties.sms();
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / sms.smpp().submitsPerSecond();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    /** Configured by GRIDCASE_SMS_PROVIDER=smpp, bound or not: while unbound, sends fail and are retried. */
    @Override
    public boolean configured() {
        return connection.enabled();
    }

    @Override
    public void send(OutboxMessage message) throws Exception {
        sendForReference(message);
    }

    @Override
    public synchronized String sendForReference(OutboxMessage message) throws Exception {
        long id = message.getId();
        List<SmsText.Part> all = SmsText.parts(SmsText.of(message.getBody()), id);
        Map<Integer, String> accepted = new TreeMap<>();
        parts.accepted(id).forEach(p -> accepted.put(p.number(), p.gatewayId()));
        if (message.getAttemptStartedAt() != null && accepted.size() < all.size()) {
            throw new SendOutcomeUnknownException("结果未知：上次发送中断（节点停止），网关可能已收到；已确认分段 "
                    + accepted.keySet() + "/" + all.size() + "，为免重复未自动重发，核实未收到后请管理员重发", true, null);
        }
        for (SmsText.Part part : all) {
            if (accepted.containsKey(part.number())) {
                continue;
            }
            pace();
            SMPPSession session = connection.boundSession();
            if (session == null) {
                throw new IOException("SMPP session not bound (" + connection.state() + "): part " + part.number()
                        + "/" + part.total() + " not sent" + accepted(accepted, all));
            }
            SubmitSmResult result;
            try {
                result = session.submitShortMessage("", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN,
                        sender(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, message.getRecipient(),
                        new ESMClass(SmsText.esmClass(part)), (byte) 0, (byte) 1, null, null,
                        new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
                        new GeneralDataCoding(Alphabet.ALPHA_UCS2), (byte) 0,
                        part.bytes());
            } catch (NegativeResponseException e) {
                int status = e.getCommandStatus();
                String text = "SMPP gateway refused part " + part.number() + "/" + part.total() + ": "
                        + name(status) + accepted(accepted, all);
                if (PERMANENT.contains(status)) {
                    throw new IllegalArgumentException(text);
                }
                throw new SmsGatewayException(text + " (temporary, retried)");
            } catch (ResponseTimeoutException | InvalidResponseException e) {
                throw new SendOutcomeUnknownException("结果未知：分段 " + part.number() + "/" + part.total()
                        + " 已发出但网关未应答（submit_sm 无响应），网关可能已收到" + accepted(accepted, all)
                        + "；为免重复未自动重发，核实未收到后请管理员重发", true, e);
            } catch (PDUException e) {
                throw new IllegalArgumentException("SMPP: the message cannot be encoded (a malformed number?)");
            } catch (IOException e) {
                throw new IOException("SMPP connection lost: part " + part.number() + "/" + part.total()
                        + " not sent" + accepted(accepted, all), e);
            }
            parts.accepted(id, part.number(), part.total(), result.getMessageId());
            accepted.put(part.number(), result.getMessageId());
        }
        return String.join(",", accepted.values());
    }

    private String sender() {
        return sms.sender() == null ? "" : sms.sender().strip();
    }

    /** At most submits-per-second submit_sm from this node (the gateway's window). */
    private void pace() {
        long now = System.nanoTime();
        if (nextSubmitNanos > now) {
            LockSupport.parkNanos(nextSubmitNanos - now);
            now = System.nanoTime();
        }
        nextSubmitNanos = now + intervalNanos;
    }

    private static String accepted(Map<Integer, String> accepted, List<SmsText.Part> all) {
        return all.size() == 1 ? "" : "; parts accepted before: " + accepted.keySet();
    }

    static String name(int status) {
        return NAMES.getOrDefault(status, "command_status") + String.format(" (0x%02X)", status);
    }

    private static Map<Integer, String> names() {
        return Map.ofEntries(Map.entry(0x01, "ESME_RINVMSGLEN"), Map.entry(0x08, "ESME_RSYSERR"),
                Map.entry(0x0A, "ESME_RINVSRCADR"), Map.entry(0x0B, "ESME_RINVDSTADR"),
                Map.entry(0x14, "ESME_RMSGQFUL"), Map.entry(0x43, "ESME_RINVESMCLASS"),
                Map.entry(0x45, "ESME_RSUBMITFAIL"), Map.entry(0x48, "ESME_RINVSRCTON"),
                Map.entry(0x49, "ESME_RINVSRCNPI"), Map.entry(0x50, "ESME_RINVDSTTON"),
                Map.entry(0x51, "ESME_RINVDSTNPI"), Map.entry(0x58, "ESME_RTHROTTLED"),
                Map.entry(0x62, "ESME_RINVEXPIRY"), Map.entry(0x64, "ESME_RX_T_APPN"),
                Map.entry(0x65, "ESME_RX_P_APPN"), Map.entry(0x66, "ESME_RX_R_APPN"));
    }
}

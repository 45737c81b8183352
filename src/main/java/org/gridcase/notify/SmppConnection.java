package org.gridcase.notify;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.gridcase.support.BusinessClock;
import org.gridcase.support.Masking;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one SMPP 3.4 session of this node (only where {@code gridcase.notify.sms.provider=smpp}): bound as transceiver
 * (or transmitter) at start, kept alive by enquire_link, and rebound after a drop with a back-off that doubles from
 * {@code reconnect-min-millis} to {@code reconnect-max-millis}. What the gateway delivers on it: delivery receipts go
 * to {@link SmsReceipts}; any other deliver_sm is a resident's SMS, published as an {@link InboundSms} event in a
 * transaction of its own (a listener that fails answers the deliver_sm with an error, so the gateway delivers it
 * again). Each part of a long reply is an event of its own (parts are not reassembled).
 */
@Component
class SmppConnection implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmppConnection.class);

    /** What the health endpoint shows. */
    enum State {
        /** provider is not smpp: no session. */
        OFF,
        CONNECTING,
        BOUND,
        /** dropped or refused: the next bind is scheduled. */
        RECONNECTING,
        STOPPED
    }

    private final NotifyProperties.Sms sms;
    private final NotifyProperties.Smpp smpp;
    private final SmsReceipts receipts;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final AtomicBoolean reconnectScheduled = new AtomicBoolean();
    private volatile ScheduledExecutorService connector;
    private volatile SMPPSession session;
    private volatile State state = State.OFF;
    private volatile String lastError;
    private volatile int failures;
    private volatile boolean running;

    SmppConnection(NotifyProperties properties, SmsReceipts receipts, ApplicationEventPublisher events,
            ObjectProvider<Clock> clock, PlatformTransactionManager transactionManager) {
        this.tx = new TransactionTemplate(transactionManager);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.sms = properties.sms();
        this.smpp = sms.smpp();
        this.receipts = receipts;
        this.events = events;
        this.clock = clock.getIfUnique(() -> BusinessClock.INSTANCE);
    }

    boolean enabled() {
        return sms.is(NotifyProperties.Sms.SMPP);
    }

    State state() {
        return state;
    }

    /** The last bind or session failure: the exception's class only (its text may name the host). */
    String lastError() {
        return lastError;
    }

    /** The bound session, or null while there is none. */
    SMPPSession boundSession() {
        SMPPSession current = session;
        return current != null && current.getSessionState().isTransmittable() ? current : null;
    }

    @Override
    public void start() {
        if (!enabled()) {
            return;
        }
        if (smpp.host() == null || smpp.host().isBlank() || smpp.systemId() == null || smpp.systemId().isBlank()) {
            throw new IllegalStateException("GRIDCASE_SMS_PROVIDER=smpp needs GRIDCASE_SMPP_HOST and "
                    + "GRIDCASE_SMPP_SYSTEM_ID (and GRIDCASE_SMPP_PASSWORD)");
        }
        running = true;
        connector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "smpp-connector");
            thread.setDaemon(true);
            return thread;
        });
        state = State.CONNECTING;
        reconnectScheduled.set(true);
        connector.execute(this::bind);
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService executor = connector;
        if (executor != null) {
            executor.shutdownNow();
        }
        SMPPSession current = session;
        session = null;
        if (current != null) {
            current.unbindAndClose();
        }
        if (enabled()) {
            state = State.STOPPED;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void bind() {
        reconnectScheduled.set(false);
        if (!running) {
            return;
        }
        SMPPSession fresh = new SMPPSession();
        fresh.setEnquireLinkTimer((int) Math.min(Integer.MAX_VALUE, smpp.enquireLinkMillis()));
        fresh.setTransactionTimer(smpp.responseMillis());
        fresh.setMessageReceiverListener(new Receiver());
        fresh.addSessionStateListener(this::stateChanged);
        try {
            fresh.connectAndBind(smpp.host(), smpp.port(), new BindParameter(
                    smpp.transceiver() ? BindType.BIND_TRX : BindType.BIND_TX, smpp.systemId(),
                    smpp.password() == null ? "" : smpp.password(), smpp.systemType() == null ? "" : smpp.systemType(),
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), smpp.responseMillis());
        } catch (Exception e) {
            fresh.close();
            lastError = e.getClass().getSimpleName();
            log.warn("SMPP bind as {} failed ({}): {}", smpp.systemId(), e.getClass().getSimpleName(),
                    ErrorText.of(e));
            scheduleReconnect();
            return;
        }
        if (!running) {
            fresh.unbindAndClose();
            return;
        }
        session = fresh;
        if (!fresh.getSessionState().isBound()) {
            // dropped between the bind and here, before the state listener knew it as this node's session
            session = null;
            scheduleReconnect();
            return;
        }
        failures = 0;
        lastError = null;
        state = State.BOUND;
        log.info("SMPP session bound as {} ({})", smpp.systemId(), smpp.bindType());
    }

    private void stateChanged(SessionState newState, SessionState oldState, Session source) {
        if (newState == SessionState.CLOSED && source == session && running) {
            log.warn("SMPP session closed (was {}): rebinding", oldState);
            session = null;
            scheduleReconnect();
        }
    }

    private void scheduleReconnect() {
        if (!running || !reconnectScheduled.compareAndSet(false, true)) {
            return;
        }
        state = State.RECONNECTING;
        int failed = failures++;
        long delay = Math.min(smpp.reconnectMaxMillis(),
                smpp.reconnectMinMillis() << Math.min(failed, 20));
        try {
            connector.schedule(this::bind, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
            reconnectScheduled.set(false);
        }
    }

    /** deliver_sm on the session: a receipt for one of our parts, or a resident's SMS. */
    private final class Receiver implements MessageReceiverListener {

        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            if (deliverSm.isSmscDeliveryReceipt()) {
                receipt(deliverSm);
            } else {
                inbound(deliverSm);
            }
        }

        private void receipt(DeliverSm deliverSm) throws ProcessRequestException {
            DeliveryReceipt receipt;
            try {
                receipt = deliverSm.getShortMessageAsDeliveryReceipt();
            } catch (Exception e) {
                log.warn("SMPP delivery receipt not understood ({}), ignored", e.getClass().getSimpleName());
                return;
            }
            String id = receipt.getId();
            OptionalParameter.Receipted_message_id tlv =
                    deliverSm.getOptionalParameter(OptionalParameter.Receipted_message_id.class);
            if (tlv != null && tlv.getValueAsString() != null && !tlv.getValueAsString().isBlank()) {
                id = tlv.getValueAsString().strip();
            }
            try {
                receipts.apply(id, receipt.getFinalStatus() == null ? "UNKNOWN" : receipt.getFinalStatus().name(),
                        receipt.getError());
            } catch (RuntimeException e) {
                // the database is away: the gateway sends the receipt again later
                log.warn("SMPP delivery receipt {} not stored: {}", id, ErrorText.of(e));
                throw new ProcessRequestException("receipt not stored", SMPPConstant.STAT_ESME_RX_T_APPN);
            }
        }

        private void inbound(DeliverSm deliverSm) throws ProcessRequestException {
            String from = SmsText.mainlandNumber(deliverSm.getSourceAddr());
            String text = SmsText.decode(deliverSm.getShortMessage(), deliverSm.getDataCoding(),
                    deliverSm.getEsmClass()).strip();
            log.info("SMS from {} received ({} characters)", Masking.phone(from), text.length());
            try {
                // in a transaction of its own: @EventListener runs inside it, @TransactionalEventListener after commit
                InboundSms sms = new InboundSms(from, text, clock.instant(), null);
                tx.executeWithoutResult(status -> events.publishEvent(sms));
            } catch (RuntimeException e) {
                // a listener failed: the gateway delivers the SMS again later
                log.warn("Inbound SMS from {} not taken: {}", Masking.phone(from), ErrorText.of(e));
                throw new ProcessRequestException("inbound SMS not taken", SMPPConstant.STAT_ESME_RX_T_APPN);
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
            // nothing to do: GridCase does not ask for alerts
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }
}

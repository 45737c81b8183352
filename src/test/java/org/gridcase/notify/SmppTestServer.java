package org.gridcase.notify;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;
import org.springframework.context.ApplicationContext;

/**
 * An SMSC in the test JVM, built on jsmpp's server side: it takes binds on a loopback port, records every submit_sm
 * it accepts, and can be told to refuse, to stay silent, to drop the connection or to refuse binds. It sends
 * delivery receipts and residents' SMS (deliver_sm) on the bound session. Public for the tests of features that
 * send SMS end to end (notices): they bind the application with {@link #SYSTEM_ID} and {@link #PASSWORD} to
 * {@link #port} and wait for the session with {@link #awaitBound}.
 */
public final class SmppTestServer implements AutoCloseable {

    /** The account the server takes binds from. */
    public static final String SYSTEM_ID = "gridcase";
    public static final String PASSWORD = "s3cret";

    /** A submit_sm the server accepted. */
    public record Submitted(String messageId, String source, String destination, byte esmClass, byte dataCoding,
            byte registeredDelivery, byte[] shortMessage) {

        public boolean concatenated() {
            return (esmClass & 0x40) != 0;
        }

        /** The concatenation reference of a part (its UDH), -1 for a message of one part. */
        int reference() {
            return concatenated() ? shortMessage[3] & 0xFF : -1;
        }

        /** The part's text, without its UDH. */
        public String text() {
            int offset = concatenated() ? (shortMessage[0] & 0xFF) + 1 : 0;
            return new String(shortMessage, offset, shortMessage.length - offset, StandardCharsets.UTF_16BE);
        }
    }

    /** A message as the handset shows it: its parts joined by their UDH. */
    public record Received(String destination, String text, List<Submitted> parts) {
    }

    public final int port;
    // a queue, not a copy-on-write list: the notice benchmark has it take tens of thousands of parts
    private final Queue<Submitted> accepted = new ConcurrentLinkedQueue<>();
    final AtomicInteger submitsSeen = new AtomicInteger();
    private final SMPPServerSessionListener listener;
    private final Thread acceptor;
    private final AtomicInteger ids = new AtomicInteger(7000);
    private final AtomicReference<SMPPServerSession> current = new AtomicReference<>();
    private final List<Integer> refusals = new CopyOnWriteArrayList<>();
    private volatile boolean acceptingBinds = true;
    private volatile CountDownLatch silence;

    public SmppTestServer() {
        this.port = freePort();
        try {
            this.listener = new SMPPServerSessionListener(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.acceptor = new Thread(this::acceptLoop, "smpp-test-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            SMPPServerSession session;
            try {
                session = listener.accept();
            } catch (IOException e) {
                return;
            }
            session.setMessageReceiverListener(new Receiver());
            try {
                BindRequest bind = session.waitForBind(5000);
                if (acceptingBinds && SYSTEM_ID.equals(bind.getSystemId()) && PASSWORD.equals(bind.getPassword())) {
                    bind.accept("test-smsc");
                    current.set(session);
                } else {
                    bind.reject(SMPPConstant.STAT_ESME_RBINDFAIL);
                    session.close();
                }
            } catch (Exception e) {
                session.close();
            }
        }
    }

    /** Refuses the next submit_sm with this command_status (then accepts again). */
    void refuseNext(int commandStatus) {
        refusals.add(commandStatus);
    }

    /** Closes the bound session's connection now, as a gateway that goes away does. */
    void dropConnection() {
        SMPPServerSession session = current.get();
        if (session != null) {
            session.close();
        }
    }

    /** Binds are refused (the gateway is down) until true again. */
    void acceptBinds(boolean accept) {
        acceptingBinds = accept;
    }

    /** The next submit_sm gets no answer until {@link #speak()}: the client's response timer runs out. */
    void beSilent() {
        silence = new CountDownLatch(1);
    }

    void speak() {
        CountDownLatch latch = silence;
        silence = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    void reset() {
        refusals.clear();
        acceptingBinds = true;
        speak();
    }

    List<Submitted> to(String destination) {
        return accepted.stream().filter(s -> s.destination().equals(destination)).toList();
    }

    /** Every part accepted so far, in the order they came. */
    public List<Submitted> accepted() {
        return List.copyOf(accepted);
    }

    /**
     * Every message accepted so far, in the order its first part came, its parts joined as a handset joins them: a
     * part belongs to the unfinished message with its destination and concatenation reference (a reference comes
     * back after 256 messages, so a finished message takes no more parts).
     */
    public List<Received> messages() {
        List<List<Submitted>> messages = new ArrayList<>();
        Map<List<Object>, List<Submitted>> unfinished = new LinkedHashMap<>();
        for (Submitted part : accepted) {
            if (!part.concatenated()) {
                messages.add(List.of(part));
                continue;
            }
            List<Object> key = List.of(part.destination(), part.reference());
            List<Submitted> message = unfinished.get(key);
            if (message == null) {
                message = new ArrayList<>();
                messages.add(message);
                unfinished.put(key, message);
            }
            message.add(part);
            if (message.size() == (part.shortMessage()[4] & 0xFF)) {
                unfinished.remove(key);
            }
        }
        return messages.stream().map(parts -> new Received(parts.get(0).destination(),
                parts.get(0).concatenated() ? reassemble(parts) : parts.get(0).text(), List.copyOf(parts))).toList();
    }

    /** Sends a delivery receipt for a message id the server gave. */
    public void receipt(Submitted submitted, DeliveryReceiptState state, String error) throws Exception {
        Date now = new Date(0);
        String text = new DeliveryReceipt(submitted.messageId(), 1, state == DeliveryReceiptState.DELIVRD ? 1 : 0,
                now, now, state, error, "").toString();
        bound().deliverShortMessage("", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, submitted.destination(),
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, submitted.source(),
                new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                (byte) 0, (byte) 0, new RegisteredDelivery(0), DataCodings.ZERO,
                text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A resident's SMS to the service number, in UCS-2 (a mobile-originated deliver_sm, not a receipt). */
    public void residentSends(String from, String to, String text) throws Exception {
        bound().deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, from,
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, to, new ESMClass(), (byte) 0, (byte) 0,
                new RegisteredDelivery(0), new GeneralDataCoding(Alphabet.ALPHA_UCS2),
                text.getBytes(StandardCharsets.UTF_16BE));
    }

    /** Reassembles concatenated parts by their UDH (reference, total, sequence). */
    public static String reassemble(List<Submitted> parts) {
        List<Submitted> sorted = new ArrayList<>(parts);
        sorted.sort((a, b) -> Integer.compare(a.shortMessage()[5] & 0xFF, b.shortMessage()[5] & 0xFF));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        for (Submitted part : sorted) {
            text.write(part.shortMessage(), 6, part.shortMessage().length - 6);
        }
        return text.toString(StandardCharsets.UTF_16BE);
    }

    private SMPPServerSession bound() {
        SMPPServerSession session = current.get();
        if (session == null || !session.getSessionState().isBound()) {
            throw new IllegalStateException("no bound session");
        }
        return session;
    }

    public boolean hasBoundSession() {
        SMPPServerSession session = current.get();
        return session != null && session.getSessionState().isBound();
    }

    /** Waits until the application of this context has bound its SMPP session to this server. */
    public void awaitBound(ApplicationContext context) {
        SmppConnection connection = context.getBean(SmppConnection.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> connection.state() == SmppConnection.State.BOUND
                && hasBoundSession());
    }

    @Override
    public void close() {
        acceptor.interrupt();
        SMPPServerSession session = current.get();
        if (session != null) {
            session.close();
        }
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private final class Receiver implements ServerMessageReceiverListener {

        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
                throws ProcessRequestException {
            submitsSeen.incrementAndGet();
            if (!refusals.isEmpty()) {
                throw new ProcessRequestException("refused", refusals.remove(0));
            }
            CountDownLatch latch = silence;
            if (latch != null) {
                // taken, but answered only after the client gave up waiting
                record(submitSm, "silent");
                try {
                    latch.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new ProcessRequestException("late", SMPPConstant.STAT_ESME_RSYSERR);
            }
            String id = Integer.toHexString(ids.incrementAndGet());
            record(submitSm, id);
            try {
                return new SubmitSmResult(new MessageId(id), null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private void record(SubmitSm submitSm, String id) {
            accepted.add(new Submitted(id, submitSm.getSourceAddr(), submitSm.getDestAddress(),
                    submitSm.getEsmClass(), submitSm.getDataCoding(), submitSm.getRegisteredDelivery(),
                    submitSm.getShortMessage()));
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
                throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
                SMPPServerSession source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.gridcase.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.gridcase.support.BusinessClock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.PageRequest;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends the outbox. Every run takes due messages in batches; each is claimed with a version-checked update (one
 * node wins, the others skip it) that also counts the attempt and leases the row for {@link #LEASE}, then sent
 * outside any transaction, then marked SENT, or rescheduled with backoff, or FAILED after
 * {@code gridcase.notify.max-attempts}. A node that dies mid-send leaves the row to be retried after the lease
 * with {@code attempt_started_at} still set, as does a sender's {@link SendOutcomeUnknownException}: the next
 * attempt's sender sees that the earlier outcome is unknown and finds out before it sends again (Aliyun asks the
 * gateway by our client reference; SMPP hands the message to an operator). Mail stays at least once.
 */
@Component
class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    static final int BATCH = 20;
    static final int MAX_BATCHES_PER_RUN = 25;
    static final Duration LEASE = Duration.ofMinutes(5);
    static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(30), Duration.ofMinutes(2),
            Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(6));

    private final OutboxMessages messages;
    private final ChannelSenders senders;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int maxAttempts;
    private final MeterRegistry meters;
    private final Counter failures;

    OutboxDispatcher(OutboxMessages messages, ChannelSenders senders, PlatformTransactionManager transactionManager,
            ObjectProvider<Clock> clock, NotifyProperties properties, MeterRegistry meters) {
        this.messages = messages;
        this.senders = senders;
        this.tx = new TransactionTemplate(transactionManager);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock.getIfUnique(() -> BusinessClock.INSTANCE);
        this.maxAttempts = properties.maxAttempts();
        this.meters = meters;
        this.failures = Counter.builder("gridcase.notifications.attempts.failed")
                .description("Send attempts that failed (retried or given up)").register(meters);
        for (NotificationStatus status : List.of(NotificationStatus.PENDING, NotificationStatus.HELD,
                NotificationStatus.FAILED)) {
            Gauge.builder("gridcase.notifications.outbox", messages, m -> m.countByStatus(status))
                    .description("Notifications in the outbox by status").tag("status", status.name())
                    .register(meters);
        }
    }

    @Scheduled(initialDelayString = "${gridcase.notify.poll-millis:5000}",
            fixedDelayString = "${gridcase.notify.poll-millis:5000}")
    void scheduled() {
        try {
            dispatch();
        } catch (RuntimeException e) {
            // a database outage: the next run tries again
            log.warn("Notification dispatch run failed: {}", ErrorText.of(e));
        }
    }

    /** One run: sends what is due now. Returns the number of messages this node attempted. */
    int dispatch() {
        int attempted = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            Instant now = clock.instant();
            Set<Channel> configured = senders.configuredChannels();
            List<OutboxMessage> due = tx.execute(s -> configured.isEmpty()
                    ? messages.findDuePending(now, PageRequest.of(0, BATCH))
                    : messages.findDue(now, configured, PageRequest.of(0, BATCH)));
            for (OutboxMessage message : due) {
                if (process(message)) {
                    attempted++;
                }
            }
            if (due.size() < BATCH) {
                break;
            }
        }
        return attempted;
    }

    private boolean process(OutboxMessage message) {
        long id = message.getId();
        Optional<ChannelSender> sender = senders.configured(message.getChannel());
        if (sender.isEmpty()) {
            // the channel was configured when the message was queued, not on this node now
            if (update(() -> messages.hold(id, message.getVersion())) == 1) {
                log.info("Notification {} held: channel {} not configured", id, message.getChannel());
            }
            return false;
        }
        Instant claimedAt = clock.instant();
        if (update(() -> messages.claim(id, message.getVersion(), claimedAt, claimedAt.plus(LEASE))) != 1) {
            log.debug("Notification {} taken by another node", id);
            return false;
        }
        long version = message.getVersion() + 1;
        int attempt = message.getAttempts() + 1;
        String gatewayRef;
        try {
            gatewayRef = sender.get().sendForReference(message);
        } catch (Exception e) {
            failed(message, version, attempt, e);
            return true;
        }
        Instant sentAt = clock.instant();
        String ref = gatewayRef == null || gatewayRef.length() <= 1000 ? gatewayRef : gatewayRef.substring(0, 1000);
        if (update(() -> messages.markSent(id, version, sentAt, ref)) != 1) {
            log.warn("Notification {} sent, but its row changed meanwhile", id);
        }
        meters.counter("gridcase.notifications.sent", "channel", message.getChannel().name()).increment();
        log.info("Notification {} ({}) sent to {} for case {}", id, message.getTemplate(),
                message.maskedRecipient(), message.getCaseRef());
        return true;
    }

    private void failed(OutboxMessage message, long version, int attempt, Exception e) {
        failures.increment();
        String error = ErrorText.of(e);
        boolean unknown = e instanceof SendOutcomeUnknownException;
        boolean permanent = e instanceof IllegalArgumentException
                || unknown && ((SendOutcomeUnknownException) e).needsOperator();
        Instant now = clock.instant();
        if (permanent || attempt >= maxAttempts) {
            update(() -> unknown
                    ? messages.markUncertainAttempt(message.getId(), version, NotificationStatus.FAILED, now, error)
                    : messages.markFailedAttempt(message.getId(), version, NotificationStatus.FAILED, now, error));
            meters.counter("gridcase.notifications.failed", "channel", message.getChannel().name()).increment();
            log.error("Notification {} ({}) to {} for case {} FAILED after {} attempt(s), not retried: {}. "
                    + "An administrator can send it again: POST /api/notifications/{}/retry", message.getId(),
                    message.getTemplate(), message.maskedRecipient(), message.getCaseRef(), attempt, error,
                    message.getId());
            return;
        }
        Instant next = now.plus(backoff(attempt));
        // an unknown outcome keeps attempt_started_at: the next attempt asks the gateway before sending again
        update(() -> unknown
                ? messages.markUncertainAttempt(message.getId(), version, NotificationStatus.PENDING, next, error)
                : messages.markFailedAttempt(message.getId(), version, NotificationStatus.PENDING, next, error));
        log.warn("Notification {} ({}) to {} attempt {}/{} failed, next attempt at {}: {}", message.getId(),
                message.getTemplate(), message.maskedRecipient(), attempt, maxAttempts, next, error);
    }

    /** The pause after the given failed attempt (1-based): 30 s, 2 min, 10 min, 1 h, then 6 h. */
    static Duration backoff(int attempt) {
        return BACKOFF.get(Math.min(Math.max(attempt, 1), BACKOFF.size()) - 1);
    }

    private int update(java.util.function.IntSupplier statement) {
        Integer rows = tx.execute(s -> statement.getAsInt());
        return rows == null ? 0 : rows;
    }
}

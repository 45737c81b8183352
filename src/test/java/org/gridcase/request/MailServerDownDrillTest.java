package org.gridcase.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.gridcase.casefile.CaseEventType;
import org.gridcase.notify.OutboxRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Fault drill 2, the mail server down: 30 requests pass their yellow light and their handling limit, so their
 * reminders and escalation mails are queued, while the SMTP server (GreenMail) is stopped; the outbox keeps failing
 * and backing off (30 s, 2 min, …). The server starts again: after the back-off every notification arrives, none
 * twice, and none is FAILED.
 * <p>
 * Run it: {@code ./mvnw -o -q -Dtest=MailServerDownDrillTest test}
 */
class MailServerDownDrillTest extends FaultDrill {

    static final int CASES = 30;

    private boolean stopped;

    @AfterEach
    void mailServerUp() {
        if (stopped) {
            greenMail.start();
        }
    }

    @Test
    void escalationMailsQueuedWhileTheMailServerIsDownAllArriveOnceWhenItIsBack() throws Exception {
        // Given 30 requests in handling, and the mails of their new tasks delivered
        List<String> cases = new ArrayList<>();
        for (int i = 1; i <= CASES; i++) {
            cases.add(dispatchedRequest("东湖小区垃圾堆放（演练：邮件服务器停机）第 " + i + " 件"));
        }
        drainTheOutbox(cases);
        // (a stopped GreenMail forgets what it received: what arrived so far is kept here)
        List<String> received = mails(cases);
        int sentBefore = rows(cases, "SENT");
        assertThat(received).isNotEmpty().hasSize(sentBefore);
        assertThat(rows(cases, "PENDING")).isZero();

        // When the mail server stops
        greenMail.stop();
        stopped = true;

        // and the yellow lights pass: reminders are queued, every attempt fails, twice
        moveTo(latest(cases, true).plusSeconds(60));
        cases.forEach(tn -> instances().runDueJobs(tn));
        int reminders = rows(cases, "PENDING");
        assertThat(reminders).isPositive();
        OutboxRun.now(context);
        assertThat(failedAttempts(cases)).isEqualTo(reminders);
        moveTo(now().plus(Duration.ofSeconds(30)));
        OutboxRun.now(context);
        assertThat(failedAttempts(cases)).isEqualTo(2 * reminders);

        // and the handling limits pass: every case escalates, the grid leaders' mails are queued and fail too
        moveTo(latest(cases, false).plusSeconds(60));
        cases.forEach(tn -> instances().runDueJobs(tn));
        cases.forEach(tn -> assertThat(file(tn).getEscalationLevel()).as("%s escalated", tn).isEqualTo(1));
        int pending = rows(cases, "PENDING");
        assertThat(pending).isGreaterThan(reminders);
        OutboxRun.now(context);
        assertThat(rows(cases, "PENDING")).isEqualTo(pending);
        assertThat(rows(cases, "SENT")).isEqualTo(sentBefore);

        // When the mail server is back, and the outbox's back-off has passed
        greenMail.start();
        stopped = false;
        drainTheOutbox(cases);

        // Then every notification of the drill was sent, none is pending or failed
        assertThat(rows(cases, "PENDING")).isZero();
        assertThat(rows(cases, "FAILED")).isZero();
        assertThat(rows(cases, "SENT")).isEqualTo(jdbc.queryForObject("select count(*) from notification "
                + "where channel = 'EMAIL' and case_ref in (" + in(cases) + ")", Integer.class));

        // and every mail arrived exactly once: what the mail server holds is what the outbox sent, message for
        // message, and no recipient got the same mail about the same case twice
        received.addAll(mails(cases));
        assertThat(received).hasSizeGreaterThan(sentBefore).doesNotHaveDuplicates();
        assertThat(received).containsExactlyInAnyOrderElementsOf(sentEmailRows(cases));
        for (String tn : cases) {
            assertThat(events(tn)).as("%s", tn).containsOnlyOnce(CaseEventType.ESCALATED, CaseEventType.REMINDED);
            assertThat(received.stream().filter(m -> m.contains(tn) && m.contains("已升级")).count())
                    .as("escalation mails of %s", tn)
                    .isEqualTo(mailboxesOf("grid-leaders-" + file(tn).getGridCode()).size());
        }
        // and the mails that waited out the outage were tried more than once
        assertThat(jdbc.queryForObject("select count(*) from notification where status = 'SENT' and attempts > 1 "
                + "and case_ref in (" + in(cases) + ")", Integer.class)).isEqualTo(pending);

        // And the cases close as usual, nothing left behind
        for (String tn : cases) {
            resolveAndClose(tn);
        }
    }

    /** Runs the outbox, moving the clock past each back-off, until nothing of the drill's cases is pending. */
    private void drainTheOutbox(List<String> cases) {
        for (int round = 0; round < 10; round++) {
            OutboxRun.now(context);
            if (jdbc.queryForObject("select count(*) from notification where status = 'PENDING' "
                    + "and case_ref in (" + in(cases) + ")", Integer.class) == 0) {
                return;
            }
            moveTo(now().plus(Duration.ofMinutes(11)));
        }
        throw new AssertionError("the outbox does not drain");
    }

    private Instant latest(List<String> cases, boolean yellow) {
        return cases.stream().map(tn -> yellow ? file(tn).getYellowAt() : file(tn).getHandlingDueAt())
                .max(Comparator.naturalOrder()).orElseThrow();
    }

    private int rows(List<String> cases, String status) {
        return jdbc.queryForObject("select count(*) from notification where channel = 'EMAIL' and status = ? "
                + "and case_ref in (" + in(cases) + ")", Integer.class, status);
    }

    private int failedAttempts(List<String> cases) {
        return jdbc.queryForObject("select coalesce(sum(attempts), 0) from notification where channel = 'EMAIL' "
                + "and status = 'PENDING' and case_ref in (" + in(cases) + ")", Integer.class);
    }

    /** The sent e-mails of the drill's cases as "recipient | subject". */
    private List<String> sentEmailRows(List<String> cases) {
        return jdbc.queryForList("select recipient, subject from notification where channel = 'EMAIL' "
                + "and status = 'SENT' and case_ref in (" + in(cases) + ")").stream()
                .map(r -> r.get("RECIPIENT") + " | " + r.get("SUBJECT")).toList();
    }

    /** What the mail server received about the drill's cases, as "recipient | subject". */
    private static List<String> mails(List<String> cases) throws MessagingException {
        List<String> found = new ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            String subject = m.getSubject();
            if (cases.stream().anyMatch(subject::contains)) {
                for (var to : m.getRecipients(RecipientType.TO)) {
                    found.add(to + " | " + subject);
                }
            }
        }
        return found;
    }

    private static String in(List<String> cases) {
        return cases.stream().map(tn -> "'" + tn.replace("'", "") + "'").collect(Collectors.joining(","));
    }
}

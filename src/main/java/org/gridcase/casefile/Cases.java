package org.gridcase.casefile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;

import org.gridcase.deadline.WorkingCalendar;
import org.gridcase.support.NotFoundException;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.gridcase.support.BusinessClock;

/**
 * The case record's one service. Every change appends a line to the timeline. Writes join the caller's
 * transaction (MANDATORY): a delegate's change commits with the engine's state, or not at all.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class Cases {

    private static final Logger log = LoggerFactory.getLogger(Cases.class);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final CaseFiles files;
    private final CaseEvents events;
    private final TrackingNumbers numbers;
    private final WorkingCalendar calendar;
    private final EntityManager entityManager;

    Cases(CaseFiles files, CaseEvents events, TrackingNumbers numbers, WorkingCalendar calendar,
            EntityManager entityManager) {
        this.files = files;
        this.entityManager = entityManager;
        this.events = events;
        this.numbers = numbers;
        this.calendar = calendar;
    }

    /** Business "now": {@link BusinessClock}, so timers, lights and the timeline agree (tests move it with ClockUtil). */
    public static Instant now() {
        return BusinessClock.now();
    }

    /** Registers a case and gives it its tracking number. */
    public CaseFile open(CaseKindDefinition kind, NewCase input, String actor, String note) {
        return open(kind, nextTrackingNumber(numbers, kind), input, actor, note);
    }

    /** The next tracking number of {@code kind}, taken outside any transaction (see {@link TrackingNumbers}). */
    static String nextTrackingNumber(TrackingNumbers numbers, CaseKindDefinition kind) {
        return numbers.next(kind.prefix(), LocalDate.ofInstant(now(), ZONE));
    }

    /** Registers a case under a tracking number taken before by {@link #nextTrackingNumber}. */
    public CaseFile open(CaseKindDefinition kind, String number, NewCase input, String actor, String note) {
        CaseFile file = files.save(new CaseFile(number, kind.kind(), input, actor));
        append(file, actor, CaseEventType.REGISTERED, note);
        log.info("Case {} registered ({}, {}, channel {})", number, kind.kind(), input.category(), input.channel());
        return file;
    }

    /**
     * The case of a tracking number. Inside a transaction by its natural id: an intake or a step reads its case
     * several times (the start, the routing, the deadlines, each new task), and after the first time Hibernate
     * answers from the transaction's persistence context, without a query and without the flush a query makes
     * first, so the changes of one transaction reach the database as one update (issue 12: an intake read
     * {@code case_file} 7 times and updated it 4 times).
     */
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    public Optional<CaseFile> find(String trackingNumber) {
        if (trackingNumber == null) {
            return Optional.empty();
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return entityManager.unwrap(Session.class).bySimpleNaturalId(CaseFile.class).loadOptional(trackingNumber);
        }
        return files.findByTrackingNumber(trackingNumber);
    }

    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    public Optional<CaseFile> findByExternalId(String externalId) {
        return files.findByExternalId(externalId);
    }

    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    public List<CaseEvent> timeline(CaseFile file) {
        return events.findByCaseIdOrderByAtAscIdAsc(file.getId());
    }

    public void linkProcess(String trackingNumber, String processInstanceId) {
        get(trackingNumber).processInstance(processInstanceId);
    }

    public void record(String trackingNumber, String actor, CaseEventType type, String note) {
        append(get(trackingNumber), actor, type, note);
    }

    public void status(String trackingNumber, CaseStatus status, String actor, CaseEventType type, String note) {
        status(trackingNumber, status, actor, type, note, note);
    }

    /** A new status; a finished case keeps {@code outcome} (what a person wrote), the timeline the labelled note. */
    public void status(String trackingNumber, CaseStatus status, String actor, CaseEventType type, String note,
            String outcome) {
        CaseFile file = get(trackingNumber);
        status(file, status);
        if (status.finished() && outcome != null) {
            file.outcome(outcome);
        }
        append(file, actor, type, note);
    }

    /** A step of the process moved the case on, with nothing for the timeline to say. */
    public void moveTo(String trackingNumber, CaseStatus status) {
        status(get(trackingNumber), status);
    }

    public void route(String trackingNumber, String gridCode, String departmentCode, String handlerGroup,
            String actor, CaseEventType type, String note) {
        CaseFile file = get(trackingNumber);
        file.route(gridCode, departmentCode, handlerGroup);
        append(file, actor, type, note);
    }

    public void deadlines(String trackingNumber, Instant responseDueAt, Instant handlingDueAt, Instant yellowAt) {
        get(trackingNumber).deadlines(responseDueAt, handlingDueAt, yellowAt);
    }

    public void escalationLevel(String trackingNumber, int level, String note) {
        CaseFile file = get(trackingNumber);
        boolean up = level > file.getEscalationLevel();
        file.escalationLevel(level);
        if (up) {
            append(file, null, CaseEventType.ESCALATED, note);
        }
    }

    public void supervise(String trackingNumber, Instant dueAt, String actor, String note) {
        CaseFile file = get(trackingNumber);
        file.supervise(dueAt);
        append(file, actor, CaseEventType.SUPERVISED, note);
    }

    /** A survey's result without an answer to "is it solved" (kept for callers that have none). */
    public void satisfaction(String trackingNumber, String satisfaction, String actor, String note) {
        satisfaction(trackingNumber, satisfaction, null, actor, note);
    }

    /**
     * The survey's result: the satisfaction and the answer to "is it solved" ({@code YES}, {@code NO}, {@code PARTLY};
     * null when not asked or nobody was reached).
     */
    public void satisfaction(String trackingNumber, String satisfaction, String resolved, String actor, String note) {
        CaseFile file = get(trackingNumber);
        file.satisfaction(satisfaction, resolved);
        append(file, actor, CaseEventType.SURVEYED, note);
    }

    public void reopen(String trackingNumber, String note) {
        CaseFile file = get(trackingNumber);
        file.reopen();
        status(file, CaseStatus.HANDLING);
        append(file, null, CaseEventType.REOPENED, note);
    }

    public void merge(String trackingNumber, String into, String actor, String note) {
        CaseFile file = get(trackingNumber);
        file.mergeInto(into);
        status(file, CaseStatus.MERGED);
        file.outcome(note);
        append(file, actor, CaseEventType.MERGED, "并入 " + into + (note == null ? "" : "：" + note));
        find(into).ifPresent(target -> append(target, actor, CaseEventType.MERGED,
                "重复件 " + trackingNumber + " 已并入本件"));
    }

    /** A new status; a finished case keeps how many working days it took. */
    private void status(CaseFile file, CaseStatus status) {
        file.status(status);
        if (status.finished()) {
            file.handlingTime(calendar.workingDaysBetween(file.getCreatedAt(), file.getClosedAt()));
        }
    }

    private CaseFile get(String trackingNumber) {
        return find(trackingNumber)
                .orElseThrow(() -> new NotFoundException("案件 " + trackingNumber + " 不存在"));
    }

    private void append(CaseFile file, String actor, CaseEventType type, String note) {
        Instant at = now();
        file.happened(type, at);
        events.save(new CaseEvent(file.getId(), at, actor, type, note, file.getHandlerGroup()));
    }
}

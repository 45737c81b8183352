package org.gridcase.notify;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface OutboxMessages extends JpaRepository<OutboxMessage, Long> {

    long countByStatus(NotificationStatus status);

    List<OutboxMessage> findByCaseRefOrderByCreatedAtAscIdAsc(String caseRef);

    @Query("""
            select m from OutboxMessage m
            where (:status is null or m.status = :status) and (:caseRef is null or m.caseRef = :caseRef)
              and (:channel is null or m.channel = :channel)
            """)
    Page<OutboxMessage> search(@Param("status") NotificationStatus status, @Param("caseRef") String caseRef,
            @Param("channel") Channel channel, Pageable pageable);

    /** Due PENDING rows, and HELD rows of channels that are configured now. */
    @Query("""
            select m from OutboxMessage m
            where m.nextAttemptAt <= :now
              and (m.status = org.gridcase.notify.NotificationStatus.PENDING
                   or (m.status = org.gridcase.notify.NotificationStatus.HELD and m.channel in :channels))
            order by m.nextAttemptAt, m.id
            """)
    List<OutboxMessage> findDue(@Param("now") Instant now, @Param("channels") Collection<Channel> configured,
            Pageable pageable);

    @Query("""
            select m from OutboxMessage m
            where m.nextAttemptAt <= :now and m.status = org.gridcase.notify.NotificationStatus.PENDING
            order by m.nextAttemptAt, m.id
            """)
    List<OutboxMessage> findDuePending(@Param("now") Instant now, Pageable pageable);

    /**
     * Takes a row for one send attempt: counts the attempt, pushes {@code next_attempt_at} out by a lease, so no
     * other node picks it meanwhile, and records that an attempt started (cleared once its outcome is known: a
     * node that dies mid-send leaves it set). 0 rows: another node was first.
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update OutboxMessage m
            set m.status = org.gridcase.notify.NotificationStatus.PENDING, m.attempts = m.attempts + 1,
                m.nextAttemptAt = :lease, m.attemptStartedAt = :now, m.version = m.version + 1
            where m.id = :id and m.version = :version
              and m.status in (org.gridcase.notify.NotificationStatus.PENDING,
                               org.gridcase.notify.NotificationStatus.HELD)
            """)
    int claim(@Param("id") long id, @Param("version") long version, @Param("now") Instant now,
            @Param("lease") Instant lease);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update OutboxMessage m
            set m.status = org.gridcase.notify.NotificationStatus.SENT, m.sentAt = :now, m.gatewayRef = :ref,
                m.attemptStartedAt = null, m.version = m.version + 1
            where m.id = :id and m.version = :version
            """)
    int markSent(@Param("id") long id, @Param("version") long version, @Param("now") Instant now,
            @Param("ref") String gatewayRef);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update OutboxMessage m
            set m.status = :status, m.nextAttemptAt = :next, m.lastError = :error, m.attemptStartedAt = null,
                m.version = m.version + 1
            where m.id = :id and m.version = :version
            """)
    int markFailedAttempt(@Param("id") long id, @Param("version") long version,
            @Param("status") NotificationStatus status, @Param("next") Instant next, @Param("error") String error);

    /** A failed attempt whose outcome is unknown: like markFailedAttempt, but attemptStartedAt stays set. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update OutboxMessage m
            set m.status = :status, m.nextAttemptAt = :next, m.lastError = :error, m.version = m.version + 1
            where m.id = :id and m.version = :version
            """)
    int markUncertainAttempt(@Param("id") long id, @Param("version") long version,
            @Param("status") NotificationStatus status, @Param("next") Instant next, @Param("error") String error);

    /** A delivery receipt: SENT becomes DELIVERED (a receipt for a message in any other state changes nothing). */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update OutboxMessage m
            set m.status = org.gridcase.notify.NotificationStatus.DELIVERED, m.deliveredAt = :now,
                m.version = m.version + 1
            where m.id = :id and m.status = org.gridcase.notify.NotificationStatus.SENT
            """)
    int markDelivered(@Param("id") long id, @Param("now") Instant now);

    /** A failed delivery receipt: SENT or DELIVERED (an earlier part's receipt) becomes FAILED. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update OutboxMessage m
            set m.status = org.gridcase.notify.NotificationStatus.FAILED, m.lastError = :error,
                m.version = m.version + 1
            where m.id = :id and m.status in (org.gridcase.notify.NotificationStatus.SENT,
                                              org.gridcase.notify.NotificationStatus.DELIVERED)
            """)
    int markUndelivered(@Param("id") long id, @Param("error") String error);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            update OutboxMessage m
            set m.status = org.gridcase.notify.NotificationStatus.HELD, m.version = m.version + 1
            where m.id = :id and m.version = :version and m.status = org.gridcase.notify.NotificationStatus.PENDING
            """)
    int hold(@Param("id") long id, @Param("version") long version);
}

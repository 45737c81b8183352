package org.gridcase.open311;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.gridcase.casefile.CaseStatus;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface Open311Requests extends JpaRepository<Open311Request, Long> {

    Optional<Open311Request> findByTrackingNumber(String trackingNumber);

    Optional<Open311Request> findByToken(String token);

    /** Each row: the Open311 request and its case (CaseFile), newest first. */
    @Query("select r, c from Open311Request r, CaseFile c where c.trackingNumber = r.trackingNumber "
            + "and r.trackingNumber in :ids order by r.requestedAt desc, r.id desc")
    List<Object[]> withCases(@Param("ids") Collection<String> trackingNumbers, Pageable limit);

    @Query("select r, c from Open311Request r, CaseFile c where c.trackingNumber = r.trackingNumber "
            + "and r.requestedAt >= :start and r.requestedAt <= :end "
            + "and (:anyService = true or r.serviceCode in :services) and c.status in :statuses "
            + "order by r.requestedAt desc, r.id desc")
    List<Object[]> search(@Param("start") Instant start, @Param("end") Instant end,
            @Param("anyService") boolean anyService, @Param("services") Collection<String> services,
            @Param("statuses") Collection<CaseStatus> statuses, Pageable limit);
}

package org.gridcase.risk;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.gridcase.casefile.CaseStatus;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface RiskReports extends JpaRepository<RiskReport, Long> {

    Optional<RiskReport> findByTrackingNumber(String trackingNumber);

    /** The reports of these grids with their case records; only those not finished when {@code open}. */
    @Query("select r from RiskReport r join fetch r.caseFile c where c.gridCode in :grids "
            + "and (:open = false or c.status not in :finished)")
    List<RiskReport> register(@Param("grids") Collection<String> grids, @Param("open") boolean open,
            @Param("finished") Collection<CaseStatus> finished);
}

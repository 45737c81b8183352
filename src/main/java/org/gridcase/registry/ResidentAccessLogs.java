package org.gridcase.registry;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ResidentAccessLogs extends JpaRepository<ResidentAccessLog, Long> {

    @Query("select l from ResidentAccessLog l where (:residentId is null or l.residentId = :residentId) "
            + "and (:login is null or l.login = :login)")
    Page<ResidentAccessLog> search(@Param("residentId") Long residentId, @Param("login") String login,
            Pageable pageable);
}

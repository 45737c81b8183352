package org.gridcase.casefile;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface CaseAccessLogs extends JpaRepository<CaseAccessLog, Long> {

    @Query("select l from CaseAccessLog l where (:login is null or l.login = :login)")
    Page<CaseAccessLog> search(@Param("login") String login, Pageable pageable);
}

package org.gridcase.casefile;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface CaseEvents extends JpaRepository<CaseEvent, Long> {

    List<CaseEvent> findByCaseIdOrderByAtAscIdAsc(Long caseId);
}

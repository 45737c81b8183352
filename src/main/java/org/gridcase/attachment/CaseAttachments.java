package org.gridcase.attachment;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface CaseAttachments extends JpaRepository<CaseAttachment, Long> {

    List<CaseAttachment> findByCaseIdOrderByIdAsc(Long caseId);

    Optional<CaseAttachment> findByIdAndCaseId(Long id, Long caseId);

    long countByCaseId(Long caseId);
}

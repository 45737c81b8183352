package org.gridcase.survey;

import org.springframework.data.jpa.repository.JpaRepository;

interface SurveyTokens extends JpaRepository<SurveyToken, String> {
}

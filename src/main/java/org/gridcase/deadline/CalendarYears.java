package org.gridcase.deadline;

import org.springframework.data.jpa.repository.JpaRepository;

interface CalendarYears extends JpaRepository<CalendarYear, Integer> {
}

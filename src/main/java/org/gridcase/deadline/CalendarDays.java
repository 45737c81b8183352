package org.gridcase.deadline;

import java.time.LocalDate;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface CalendarDays extends JpaRepository<CalendarDay, LocalDate> {

    /** Deletes the listed dates of a range at once; clears the persistence context so new rows can take the ids. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from CalendarDay d where d.day between :first and :last")
    int deleteRange(@Param("first") LocalDate first, @Param("last") LocalDate last);
}

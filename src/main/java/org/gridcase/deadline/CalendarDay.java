package org.gridcase.deadline;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A date the holiday schedule lists: a day off (放假) or a make-up working day (调休上班). */
@Entity
@Table(name = "calendar_day")
class CalendarDay {

    @Id
    @Column(name = "day_date")
    private LocalDate day;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private DayKind kind;

    /** The festival: 春节, 国庆节… */
    @Column(nullable = false, length = 64)
    private String name;

    @Column(length = 255)
    private String note;

    protected CalendarDay() {
    }

    CalendarDay(LocalDate day, DayKind kind, String name, String note) {
        this.day = day;
        this.kind = kind;
        this.name = name;
        this.note = note;
    }

    LocalDate getDay() {
        return day;
    }

    DayKind getKind() {
        return kind;
    }

    String getName() {
        return name;
    }

    String getNote() {
        return note;
    }
}

package org.gridcase.deadline;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A year whose holiday schedule is loaded, and the notice it comes from (国办发明电〔2024〕12号). */
@Entity
@Table(name = "calendar_year")
class CalendarYear {

    @Id
    @Column(name = "year_number")
    private Integer year;

    @Column(name = "published_by", nullable = false, length = 128)
    private String publishedBy;

    @Column(name = "loaded_at", nullable = false)
    private Instant loadedAt;

    protected CalendarYear() {
    }

    CalendarYear(int year, String publishedBy, Instant loadedAt) {
        this.year = year;
        this.publishedBy = publishedBy;
        this.loadedAt = loadedAt;
    }

    int getYear() {
        return year;
    }

    String getPublishedBy() {
        return publishedBy;
    }

    Instant getLoadedAt() {
        return loadedAt;
    }

    void reload(String publishedBy, Instant loadedAt) {
        this.publishedBy = publishedBy;
        this.loadedAt = loadedAt;
    }
}

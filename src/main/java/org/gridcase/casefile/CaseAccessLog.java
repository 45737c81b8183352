package org.gridcase.casefile;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.gridcase.registry.Person;

/**
 * One look-up of cases by a reporter's personal data (today: a search by phone): who, when, the searched value
 * masked, how many cases it found and which were shown. Like the resident access log of the registry (V7), it never
 * holds the value itself.
 */
@Entity
@Table(name = "case_access_log")
class CaseAccessLog {

    static final int KIND_LENGTH = 32;
    static final int SUBJECT_LENGTH = 32;
    static final int SHOWN_LENGTH = 2000;

    /** A search of cases by the reporter's phone. */
    static final String PHONE_SEARCH = "PHONE_SEARCH";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private Instant at;

    @Column(nullable = false, length = Person.LOGIN_LENGTH)
    private String login;

    @Column(nullable = false, length = KIND_LENGTH)
    private String kind;

    @Column(name = "subject_masked", nullable = false, length = SUBJECT_LENGTH)
    private String subjectMasked;

    @Column(nullable = false)
    private long found;

    /** The tracking numbers shown, comma-separated, cut at the column's length. */
    @Column(nullable = false, length = SHOWN_LENGTH)
    private String shown;

    protected CaseAccessLog() {
    }

    CaseAccessLog(Instant at, String login, String kind, String subjectMasked, long found, String shown) {
        this.at = at;
        this.login = login;
        this.kind = kind;
        this.subjectMasked = subjectMasked;
        this.found = found;
        this.shown = shown.length() > SHOWN_LENGTH ? shown.substring(0, SHOWN_LENGTH) : shown;
    }

    Long getId() { return id; }
    Instant getAt() { return at; }
    String getLogin() { return login; }
    String getKind() { return kind; }
    String getSubjectMasked() { return subjectMasked; }
    long getFound() { return found; }
    String getShown() { return shown; }
}

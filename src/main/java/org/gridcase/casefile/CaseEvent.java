package org.gridcase.casefile;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One line of a case's timeline: who did what, when, with the note. */
@Entity
@Table(name = "case_event")
public class CaseEvent {

    /** Room for a note of {@link CaseFile#NOTE_LENGTH} (or a handling note) with the label the timeline puts before it. */
    public static final int NOTE_LENGTH = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "case_id", nullable = false)
    private Long caseId;

    @Column(nullable = false)
    private Instant at;

    @Column(length = CaseFile.CODE_LENGTH)
    private String actor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private CaseEventType type;

    @Column(length = NOTE_LENGTH)
    private String note;

    /**
     * The group the case lay with once this happened: on a return (退单) the unit that returned it, on a re-dispatch
     * the unit it went to, so the assessment can tell a wrongful return (sent straight back) from a rightful one.
     */
    @Column(name = "handler_group", length = 80)
    private String handlerGroup;

    protected CaseEvent() {
    }

    CaseEvent(Long caseId, Instant at, String actor, CaseEventType type, String note, String handlerGroup) {
        this.caseId = caseId;
        this.handlerGroup = handlerGroup;
        this.at = at;
        this.actor = actor;
        this.type = type;
        this.note = note == null || note.length() <= NOTE_LENGTH ? note : note.substring(0, NOTE_LENGTH);
    }

    public Instant getAt() { return at; }
    public String getActor() { return actor; }
    public CaseEventType getType() { return type; }
    public String getNote() { return note; }
    public String getHandlerGroup() { return handlerGroup; }
}

package org.gridcase.registry;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One read of a resident's unmasked personal data: who, when, which resident, what was shown. */
@Entity
@Table(name = "resident_access_log")
class ResidentAccessLog {

    static final int SHOWN_LENGTH = 32;

    /** What a read showed. */
    static final String ID_NUMBER = "ID_NUMBER";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private Instant at;

    @Column(nullable = false, length = Person.LOGIN_LENGTH)
    private String login;

    @Column(name = "resident_id", nullable = false)
    private Long residentId;

    @Column(name = "id_number_masked", nullable = false, length = Resident.ID_NUMBER_LENGTH)
    private String idNumberMasked;

    @Column(nullable = false, length = SHOWN_LENGTH)
    private String shown;

    protected ResidentAccessLog() {
    }

    ResidentAccessLog(Instant at, String login, Long residentId, String idNumberMasked, String shown) {
        this.at = at;
        this.login = login;
        this.residentId = residentId;
        this.idNumberMasked = idNumberMasked;
        this.shown = shown;
    }

    Long getId() { return id; }
    Instant getAt() { return at; }
    String getLogin() { return login; }
    Long getResidentId() { return residentId; }
    String getIdNumberMasked() { return idNumberMasked; }
    String getShown() { return shown; }
}

package org.gridcase.survey;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A one-time survey link: usable once, until it expires. */
@Entity
@Table(name = "survey_token")
class SurveyToken {

    @Id
    @Column(length = 64)
    private String token;

    @Column(name = "tracking_number", nullable = false, length = 32)
    private String trackingNumber;

    @Column(name = "process_instance_id", nullable = false, length = 64)
    private String processInstanceId;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "answered_at")
    private Instant answeredAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected SurveyToken() {
    }

    SurveyToken(String token, String trackingNumber, String processInstanceId, Instant createdAt, Instant expiresAt) {
        this.token = token;
        this.trackingNumber = trackingNumber;
        this.processInstanceId = processInstanceId;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    boolean usableAt(Instant now) {
        return answeredAt == null && now.isBefore(expiresAt);
    }

    void answered(Instant at) {
        this.answeredAt = at;
    }

    String getToken() { return token; }
    String getTrackingNumber() { return trackingNumber; }
    String getProcessInstanceId() { return processInstanceId; }
    Instant getExpiresAt() { return expiresAt; }
}

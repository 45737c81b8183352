package org.gridcase.open311;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An Open311 client's API key: only its SHA-256 is kept; the key itself is shown once, when it is issued. */
@Entity
@Table(name = "open311_api_key")
class ApiKey {

    static final int CLIENT_LENGTH = 100;
    static final int HASH_LENGTH = 64;
    static final int LOGIN_LENGTH = 64;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = CLIENT_LENGTH)
    private String client;

    @Column(name = "key_hash", nullable = false, unique = true, length = HASH_LENGTH)
    private String keyHash;

    @Column(name = "created_by", nullable = false, length = LOGIN_LENGTH)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "revoked_by", length = LOGIN_LENGTH)
    private String revokedBy;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKey() {
    }

    ApiKey(String client, String keyHash, String createdBy, Instant createdAt) {
        this.client = client;
        this.keyHash = keyHash;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    void revoke(String by, Instant at) {
        if (revokedAt == null) {
            this.revokedBy = by;
            this.revokedAt = at;
        }
    }

    boolean active() {
        return revokedAt == null;
    }

    Long getId() { return id; }
    String getClient() { return client; }
    String getKeyHash() { return keyHash; }
    String getCreatedBy() { return createdBy; }
    Instant getCreatedAt() { return createdAt; }
    String getRevokedBy() { return revokedBy; }
    Instant getRevokedAt() { return revokedAt; }
}

package org.gridcase.open311;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What GeoReport carries beyond the case it became: the service code, the token, the media link (a link only: it is
 * never fetched), the attribute answers (JSON), and the client's account and device ids, which no answer shows.
 */
@Entity
@Table(name = "open311_request")
class Open311Request {

    static final int TRACKING_NUMBER_LENGTH = 32;
    static final int TOKEN_LENGTH = 64;
    static final int SERVICE_CODE_LENGTH = 64;
    static final int MEDIA_URL_LENGTH = 500;
    static final int ADDRESS_ID_LENGTH = 64;
    static final int ACCOUNT_ID_LENGTH = 64;
    static final int DEVICE_ID_LENGTH = 128;
    static final int ATTRIBUTES_LENGTH = 4000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "tracking_number", nullable = false, unique = true, length = TRACKING_NUMBER_LENGTH)
    private String trackingNumber;

    @Column(nullable = false, unique = true, length = TOKEN_LENGTH)
    private String token;

    @Column(name = "service_code", nullable = false, length = SERVICE_CODE_LENGTH)
    private String serviceCode;

    @Column(name = "api_key_id", nullable = false)
    private Long apiKeyId;

    @Column(name = "media_url", length = MEDIA_URL_LENGTH)
    private String mediaUrl;

    @Column(name = "address_id", length = ADDRESS_ID_LENGTH)
    private String addressId;

    @Column(name = "account_id", length = ACCOUNT_ID_LENGTH)
    private String accountId;

    @Column(name = "device_id", length = DEVICE_ID_LENGTH)
    private String deviceId;

    @Column(length = ATTRIBUTES_LENGTH)
    private String attributes;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    protected Open311Request() {
    }

    Open311Request(String trackingNumber, String token, String serviceCode, Long apiKeyId, String mediaUrl,
            String addressId, String accountId, String deviceId, String attributes, Instant requestedAt) {
        this.trackingNumber = trackingNumber;
        this.token = token;
        this.serviceCode = serviceCode;
        this.apiKeyId = apiKeyId;
        this.mediaUrl = mediaUrl;
        this.addressId = addressId;
        this.accountId = accountId;
        this.deviceId = deviceId;
        this.attributes = attributes;
        this.requestedAt = requestedAt;
    }

    Long getId() { return id; }
    String getTrackingNumber() { return trackingNumber; }
    String getToken() { return token; }
    String getServiceCode() { return serviceCode; }
    Long getApiKeyId() { return apiKeyId; }
    String getMediaUrl() { return mediaUrl; }
    String getAddressId() { return addressId; }
    String getAccountId() { return accountId; }
    String getDeviceId() { return deviceId; }
    String getAttributes() { return attributes; }
    Instant getRequestedAt() { return requestedAt; }
}

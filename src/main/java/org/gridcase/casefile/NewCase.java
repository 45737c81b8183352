package org.gridcase.casefile;

/**
 * What intake knows of a new case once its input has been validated; with an external id, the fingerprint of the
 * normalised request, so a resend can be told from another request under the same id.
 */
public record NewCase(Channel channel, String category, String description, Urgency urgency, Double lat,
        Double lng, String address, String gridCode, String reporterName, String reporterPhone,
        String reporterEmail, String externalId, String externalFingerprint) {
}

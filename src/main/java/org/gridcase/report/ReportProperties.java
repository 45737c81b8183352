package org.gridcase.report;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public report page's limits ({@code gridcase.report.*}).
 *
 * @param maxPhotos              photos per report
 * @param perIpPerHour           reports and follows one IP address may file per hour (a token bucket per address)
 * @param perPhonePerDay         reports one contact phone may file per day
 * @param powBits                leading zero bits the page's proof of work must find (about 2^bits SHA-256 hashes in
 *                               the phone's browser: 16 takes a phone about a second, a flood of thousands an hour)
 * @param challengeTtl           how long a proof-of-work challenge may be used (once)
 * @param duplicateRadiusMeters  per category: how near an open case of the same category must be to be offered as a
 *                               duplicate before submitting
 * @param defaultDuplicateRadius the radius for a category not listed
 */
@ConfigurationProperties("gridcase.report")
record ReportProperties(@DefaultValue("3") int maxPhotos, @DefaultValue("20") int perIpPerHour,
        @DefaultValue("5") int perPhonePerDay, @DefaultValue("16") int powBits,
        @DefaultValue("10m") Duration challengeTtl, Map<String, Integer> duplicateRadiusMeters,
        @DefaultValue("150") int defaultDuplicateRadius) {

    int radiusFor(String category) {
        return duplicateRadiusMeters == null ? defaultDuplicateRadius
                : duplicateRadiusMeters.getOrDefault(category, defaultDuplicateRadius);
    }
}

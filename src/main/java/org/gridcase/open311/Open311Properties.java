package org.gridcase.open311;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code gridcase.open311.*}: the jurisdiction this endpoint serves ({@code jurisdiction-id}: a request naming another
 * is 404), the discovery document's contact and changeset, the public base URL discovery names (blank: taken from
 * the request), the rate limit per API key ({@code rate-limit.requests} per {@code rate-limit.period}, counted for
 * every call that carries a valid key), the largest form body and the most {@code attribute[...]} fields of a POST.
 */
@ConfigurationProperties(prefix = "gridcase.open311")
record Open311Properties(@DefaultValue("gridcase") String jurisdictionId,
        @DefaultValue("网格化管理平台 Open311 接口") String contact,
        @DefaultValue("2026-12-01T00:00:00+08:00") String changeset, @DefaultValue("") String baseUrl,
        @DefaultValue RateLimit rateLimit, @DefaultValue("64KB") DataSize maxBody,
        @DefaultValue("30") int maxAttributes) {

    record RateLimit(@DefaultValue("60") long requests, @DefaultValue("1m") Duration period) {

        RateLimit {
            if (requests <= 0 || period.isZero() || period.isNegative()) {
                throw new IllegalStateException("gridcase.open311.rate-limit.requests and period must be positive");
            }
        }
    }

    Open311Properties {
        if (maxBody.toBytes() <= 0 || maxAttributes <= 0) {
            throw new IllegalStateException("gridcase.open311.max-body and max-attributes must be positive");
        }
    }
}

package org.gridcase.open311;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.stereotype.Component;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * One token bucket per API key (Bucket4j, in this node's memory): {@code rate-limit.requests} calls, all given back
 * at the end of each {@code rate-limit.period}. In a cluster each node counts on its own, so a client gets at most
 * the limit times the number of nodes; a shared store (Bucket4j's JDBC proxy) is the next step if that matters.
 */
@Component
class RateLimits {

    private final ConcurrentMap<Long, Bucket> buckets = new ConcurrentHashMap<>();
    private final Open311Properties.RateLimit limit;

    RateLimits(Open311Properties properties) {
        this.limit = properties.rateLimit();
    }

    /** Whether the key may make one more call now; a call refused here takes nothing. */
    boolean tryAcquire(long keyId) {
        return buckets.computeIfAbsent(keyId, id -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.requests())
                        .refillIntervally(limit.requests(), limit.period()).build())
                .build()).tryConsume(1);
    }

    /** A revoked key's bucket goes with it. */
    void forget(long keyId) {
        buckets.remove(keyId);
    }
}

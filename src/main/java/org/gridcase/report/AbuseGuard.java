package org.gridcase.report;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.gridcase.support.BusinessClock;
import org.gridcase.support.InvalidInputException;
import org.gridcase.support.Sha256;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * What stops scripted floods of the public page without a CAPTCHA: token buckets per IP address and per contact phone
 * (Bucket4j), and a short proof of work — the page asks for a signed challenge and finds a nonce whose SHA-256 over
 * {@code challenge:nonce} starts with {@code powBits} zero bits before it may submit. A resident's phone spends about
 * a second on it; a script filing thousands pays thousands of such seconds, and each challenge works once. Chosen over
 * a one-time SMS code because SMS may not be configured and costs money per message an attacker could make us send.
 * The buckets and the used challenges live in this node's memory: behind a load balancer the limits are per node.
 */
@Component
class AbuseGuard {

    private static final int MAX_TRACKED = 100_000;

    private final ReportProperties properties;
    private final byte[] key = new byte[32];
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Bucket> byIp = new ConcurrentHashMap<>();
    private final Map<String, Bucket> byPhone = new ConcurrentHashMap<>();
    private final Map<String, Instant> used = new ConcurrentHashMap<>();

    AbuseGuard(ReportProperties properties) {
        this.properties = properties;
        random.nextBytes(key);
    }

    /** A proof-of-work challenge: random, expiring, signed by this node (so nothing is stored until it is used). */
    record Challenge(String challenge, int bits) {
    }

    Challenge challenge() {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        long expires = BusinessClock.now().plus(properties.challengeTtl()).getEpochSecond();
        String body = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce) + "." + expires;
        return new Challenge(body + "." + sign(body), properties.powBits());
    }

    /** The proof is the challenge and the nonce found for it; a used, expired, forged or wrong proof is a 400. */
    void verify(String challenge, String nonce) {
        if (challenge == null || nonce == null || challenge.length() > 200 || nonce.length() > 40) {
            throw InvalidInputException.of("proof", "页面校验未完成，请刷新页面后重新提交");
        }
        String[] parts = challenge.split("\\.");
        if (parts.length != 3 || !MessageDigest.isEqual(sign(parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII))) {
            throw InvalidInputException.of("proof", "页面校验无效，请刷新页面后重新提交");
        }
        Instant expires;
        try {
            expires = Instant.ofEpochSecond(Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
            throw InvalidInputException.of("proof", "页面校验无效，请刷新页面后重新提交");
        }
        Instant now = BusinessClock.now();
        if (expires.isBefore(now)) {
            throw InvalidInputException.of("proof", "页面停留时间过长，请刷新页面后重新提交");
        }
        if (leadingZeroBits(sha256(challenge + ":" + nonce)) < properties.powBits()) {
            throw InvalidInputException.of("proof", "页面校验未通过，请刷新页面后重新提交");
        }
        if (used.size() > MAX_TRACKED) {
            used.values().removeIf(at -> at.isBefore(now));
        }
        if (used.putIfAbsent(challenge, expires) != null) {
            throw InvalidInputException.of("proof", "该页面已提交过，请刷新页面后再提交新的反映");
        }
    }

    void admitAddress(String ip) {
        take(byIp, ip == null ? "?" : ip, properties.perIpPerHour(), Duration.ofHours(1),
                "同一网络提交过于频繁，请一小时后再试");
    }

    void admitPhone(String phone) {
        take(byPhone, phone, properties.perPhonePerDay(), Duration.ofDays(1), "该手机号今日提交次数已达上限，请明日再试");
    }

    private static void take(Map<String, Bucket> buckets, String key, int capacity, Duration period, String refusal) {
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear(); // a flood of distinct keys: forget them all rather than run out of memory
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build()).build());
        if (!bucket.tryConsume(1)) {
            throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS, refusal);
        }
    }

    private String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(body.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(String s) {
        return Sha256.digest(s);
    }

    static int leadingZeroBits(byte[] hash) {
        int bits = 0;
        for (byte b : hash) {
            if (b == 0) {
                bits += 8;
                continue;
            }
            return bits + Integer.numberOfLeadingZeros(b & 0xFF) - 24;
        }
        return bits;
    }
}

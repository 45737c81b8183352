package org.gridcase.open311;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.gridcase.support.BusinessClock;
import org.gridcase.support.InvalidInputException;
import org.gridcase.support.NotFoundException;
import org.gridcase.support.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, lists and revokes the API keys of Open311 clients, and recognises a key on a POST. A key is 256 random
 * bits; only its SHA-256 is stored (a fast hash is enough for a key of that entropy: there is nothing to guess),
 * looked up by that hash and compared once more in constant time.
 */
@Service
@Transactional
class ApiKeyService {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyService.class);
    private static final String PREFIX = "o311_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiKeys keys;
    private final RateLimits rateLimits;

    ApiKeyService(ApiKeys keys, RateLimits rateLimits) {
        this.keys = keys;
        this.rateLimits = rateLimits;
    }

    record Issued(long id, String client, String apiKey, Instant createdAt) {
    }

    record KeyView(long id, String client, String createdBy, Instant createdAt, String revokedBy, Instant revokedAt,
            boolean active) {

        static KeyView of(ApiKey k) {
            return new KeyView(k.getId(), k.getClient(), k.getCreatedBy(), k.getCreatedAt(), k.getRevokedBy(),
                    k.getRevokedAt(), k.active());
        }
    }

    Issued issue(String client, String admin) {
        String name = client == null ? null : client.strip();
        if (name == null || name.isEmpty() || name.length() > ApiKey.CLIENT_LENGTH) {
            throw InvalidInputException.of("client", "必填，客户端名称，最长 " + ApiKey.CLIENT_LENGTH + " 字");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiKey saved = keys.save(new ApiKey(name, hash(key), admin, BusinessClock.now()));
        log.info("Open311 API key {} issued to client {} by {}", saved.getId(), name, admin);
        return new Issued(saved.getId(), saved.getClient(), key, saved.getCreatedAt());
    }

    @Transactional(readOnly = true)
    List<KeyView> list() {
        return keys.findAllByOrderByIdAsc().stream().map(KeyView::of).toList();
    }

    void revoke(long id, String admin) {
        ApiKey key = keys.findById(id).orElseThrow(() -> new NotFoundException("API key " + id + " 不存在"));
        key.revoke(admin, BusinessClock.now());
        rateLimits.forget(id);
        log.info("Open311 API key {} of client {} revoked by {}", id, key.getClient(), admin);
    }

    /** The active key this raw key is, if any. */
    @Transactional(readOnly = true)
    Optional<ApiKey> recognise(String rawKey) {
        if (rawKey == null || rawKey.isBlank() || rawKey.length() > 200) {
            return Optional.empty();
        }
        String hash = hash(rawKey.strip());
        return keys.findByKeyHash(hash)
                .filter(k -> MessageDigest.isEqual(k.getKeyHash().getBytes(StandardCharsets.US_ASCII),
                        hash.getBytes(StandardCharsets.US_ASCII)))
                .filter(ApiKey::active);
    }

    static String hash(String key) {
        return Sha256.hex(key);
    }
}

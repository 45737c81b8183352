package org.gridcase.notify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Aliyun's RPC-style API call, signature version 1.0 (HMAC-SHA1), as its documentation specifies: the parameters
 * (common ones included, Signature excluded) sorted by name, names and values percent-encoded (RFC 3986: only
 * {@code A-Z a-z 0-9 - _ . ~} stay, a space is {@code %20}), joined with {@code &} into the canonical query;
 * StringToSign = {@code METHOD & percentEncode("/") & percentEncode(canonical query)}; Signature =
 * Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)).
 */
final class AliyunRpc {

    private AliyunRpc() {
    }

    static String percentEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    /** The canonical query: sorted, encoded name=value pairs joined with &. */
    static String canonical(SortedMap<String, String> params) {
        return params.entrySet().stream().map(e -> percentEncode(e.getKey()) + "=" + percentEncode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String signature(String method, SortedMap<String, String> params, String accessKeySecret) {
        String stringToSign = method + "&" + percentEncode("/") + "&" + percentEncode(canonical(params));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is not available", e);
        }
    }

    /** The form body of a signed request: every parameter and the Signature, encoded. */
    static String body(SortedMap<String, String> params, String signature) {
        return canonical(params) + "&Signature=" + percentEncode(signature);
    }

    static Map<String, String> common(String action, String accessKeyId, String regionId, String timestamp,
            String nonce) {
        return Map.of("Action", action, "Version", "2017-05-25", "Format", "JSON", "AccessKeyId", accessKeyId,
                "SignatureMethod", "HMAC-SHA1", "SignatureVersion", "1.0", "SignatureNonce", nonce, "Timestamp",
                timestamp, "RegionId", regionId);
    }
}

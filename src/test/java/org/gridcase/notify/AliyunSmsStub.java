package org.gridcase.notify;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Aliyun's SMS API on a loopback port (the JDK's HTTP server): checks every request's signature by computing it
 * anew (its own implementation of signature 1.0, not the adapter's), answers SendSms with scripted codes and keeps
 * what it "sent" for QuerySendDetails. It can hang on the next SendSms, having taken it or not.
 */
final class AliyunSmsStub implements AutoCloseable {

    static final String KEY_ID = "LTAI-test-key";
    static final String SECRET = "test-secret-不外传";

    /** A message Aliyun took: phone and OutId. */
    record Taken(String phone, String outId) {
    }

    final int port;
    final List<Map<String, String>> sendRequests = new CopyOnWriteArrayList<>();
    final List<Map<String, String>> queries = new CopyOnWriteArrayList<>();
    final List<Taken> taken = new CopyOnWriteArrayList<>();
    final List<String> badSignatures = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<String> codes = new ConcurrentLinkedDeque<>();
    private final AtomicInteger bizIds = new AtomicInteger(880000);
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private volatile CountDownLatch hang;
    private volatile boolean takeWhileHanging;

    AliyunSmsStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        port = server.getAddress().getPort();
    }

    /** The next SendSms answers with this Code (then OK again). */
    void answerNext(String code) {
        codes.add(code);
    }

    /** The next SendSms gets no answer until {@link #release()}; {@code taken}: Aliyun has sent it meanwhile. */
    void hangNext(boolean taken) {
        takeWhileHanging = taken;
        hang = new CountDownLatch(1);
    }

    void release() {
        CountDownLatch latch = hang;
        hang = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    void reset() {
        codes.clear();
        release();
    }

    List<Map<String, String>> sendsTo(String phone) {
        return sendRequests.stream().filter(r -> phone.equals(r.get("PhoneNumbers"))).toList();
    }

    List<Taken> takenFor(String phone) {
        return taken.stream().filter(t -> t.phone().equals(phone)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> params = parse(new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8));
        if (!"POST".equals(exchange.getRequestMethod())
                || !expectedSignature(exchange.getRequestMethod(), params).equals(params.get("Signature"))
                || !KEY_ID.equals(params.get("AccessKeyId"))) {
            badSignatures.add(params.getOrDefault("Action", "?"));
            answer(exchange, 400, "{\"Code\":\"SignatureDoesNotMatch\",\"Message\":\"Specified signature is not matched\"}");
            return;
        }
        switch (params.getOrDefault("Action", "")) {
            case "SendSms" -> sendSms(exchange, params);
            case "QuerySendDetails" -> query(exchange, params);
            default -> answer(exchange, 400, "{\"Code\":\"InvalidAction\"}");
        }
    }

    private void sendSms(HttpExchange exchange, Map<String, String> params) throws IOException {
        sendRequests.add(params);
        CountDownLatch latch = hang;
        if (latch != null) {
            hang = null;
            if (takeWhileHanging) {
                taken.add(new Taken(params.get("PhoneNumbers"), params.get("OutId")));
            }
            try {
                latch.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, "{\"Code\":\"OK\",\"BizId\":\"late\"}");
            return;
        }
        String code = codes.poll();
        if (code != null && !code.equals("OK")) {
            answer(exchange, 200, "{\"Code\":\"" + code + "\",\"Message\":\"scripted " + code + "\",\"RequestId\":\"r\"}");
            return;
        }
        taken.add(new Taken(params.get("PhoneNumbers"), params.get("OutId")));
        answer(exchange, 200, "{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"" + bizIds.incrementAndGet()
                + "^0\",\"RequestId\":\"r\"}");
    }

    private void query(HttpExchange exchange, Map<String, String> params) throws IOException {
        queries.add(params);
        List<String> details = new ArrayList<>();
        for (Taken t : takenFor(params.get("PhoneNumber"))) {
            details.add("{\"PhoneNum\":\"" + t.phone() + "\",\"OutId\":\"" + t.outId()
                    + "\",\"SendStatus\":3,\"ErrCode\":\"DELIVERED\"}");
        }
        answer(exchange, 200, "{\"Code\":\"OK\",\"TotalCount\":" + details.size()
                + ",\"SmsSendDetailDTOs\":{\"SmsSendDetailDTO\":[" + String.join(",", details) + "]}}");
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        try {
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // the client gave up waiting
        }
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> params = new TreeMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    /** Signature 1.0 as Aliyun's documentation writes it, computed here independently of the adapter. */
    static String expectedSignature(String method, Map<String, String> params) {
        StringBuilder canonical = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            if (e.getKey().equals("Signature")) {
                continue;
            }
            if (canonical.length() > 0) {
                canonical.append('&');
            }
            canonical.append(rfc3986(e.getKey())).append('=').append(rfc3986(e.getValue()));
        }
        String stringToSign = method + "&" + rfc3986("/") + "&" + rfc3986(canonical.toString());
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((SECRET + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rfc3986(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-_.~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}

package org.gridcase.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The benchmarks' HTTP client: HTTP/1.1 on kept-alive connections to the application on loopback, HTTP Basic as a
 * demo login (password {@code demo}), JSON bodies.
 */
public final class BenchHttp {

    static {
        // idle connections are closed by the client before Tomcat closes them (20 s), so that a POST is never sent
        // on a connection the server has just closed (read only when the JDK's HTTP client is first used)
        System.setProperty("jdk.httpclient.keepalive.timeout", "5");
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final int port;

    public BenchHttp(int port) {
        this.port = port;
    }

    /** A call as {@code login} with a JSON body (empty for a GET), answering JSON. */
    public HttpResponse<String> send(String method, String path, String login, String json) {
        return send(method, path, login, json, "application/json");
    }

    /** A call as {@code login} with a JSON body (empty for a GET), asking for {@code accept}. */
    public HttpResponse<String> send(String method, String path, String login, String json, String accept) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((login + ":demo").getBytes(StandardCharsets.UTF_8)))
                .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        try {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException closed) {
                if (!String.valueOf(closed.getMessage()).contains("received no bytes")) {
                    throw closed;
                }
                // the server had closed the kept-alive connection before the request reached it: send it again
                return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    /** The {@code p}th percentile of sorted nanoseconds, in milliseconds (nearest rank). */
    public static double percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }
}

package dev.herald.server;

import dev.herald.server.internal.auth.TokenMinter;
import dev.herald.testkit.SseRecorder;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A real Herald server on a random loopback port, with helpers to publish and subscribe over HTTP. */
final class HeraldFixture implements AutoCloseable {

    static final String KEY = "test-key-that-is-at-least-32-bytes-long!";

    final HeraldServer server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private HeraldFixture(ServerConfig config, StorageConfig storage, MetricsConfig metrics) {
        this.server = HeraldServer.start(config, storage, metrics);
    }

    /** A server with a known key, anonymous subscribers allowed, heartbeats off. */
    static HeraldFixture start() {
        return start(base());
    }

    static HeraldFixture start(ServerConfig config) {
        return new HeraldFixture(config, StorageConfig.memory(), MetricsConfig.defaults());
    }

    static HeraldFixture start(ServerConfig config, StorageConfig storage) {
        return new HeraldFixture(config, storage, MetricsConfig.defaults());
    }

    static HeraldFixture start(ServerConfig config, StorageConfig storage, MetricsConfig metrics) {
        return new HeraldFixture(config, storage, metrics);
    }

    /** Tests open thousands of loopback connections and publish in bursts: connection and rate limits are lifted. */
    static ServerConfig base() {
        return ServerConfig.defaults("127.0.0.1", 0).withPublisherKey(KEY).withAnonymous(true).withHeartbeatSeconds(0)
                .withLimits(LimitsConfig.defaults().withConnections(20_000, 20_000).withPublishRate(0));
    }

    static String publisherToken() {
        return TokenMinter.mint(KEY, List.of("*"), List.of(), Duration.ofHours(1));
    }

    static String token(List<String> publish, List<String> subscribe) {
        return TokenMinter.mint(KEY, publish, subscribe, Duration.ofHours(1));
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    /** Subscribes to {@code topics} on the Mercure endpoint. */
    SseRecorder subscribe(String... topics) {
        return subscribe(Map.of(), topics);
    }

    SseRecorder subscribe(Map<String, String> headers, String... topics) {
        return SseRecorder.open(http, uri(mercureQuery(topics)), headers);
    }

    static String mercureQuery(String... topics) {
        StringBuilder query = new StringBuilder("/.well-known/mercure");
        char separator = '?';
        for (String topic : topics) {
            query.append(separator).append("topic=").append(URLEncoder.encode(topic, StandardCharsets.UTF_8));
            separator = '&';
        }
        return query.toString();
    }

    /** Publishes form fields (name, value, name, value, ...) with a publisher token; returns the response. */
    HttpResponse<String> publishForm(String token, String... fields) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            form.computeIfAbsent(fields[i], k -> new ArrayList<>()).add(fields[i + 1]);
        }
        StringBuilder body = new StringBuilder();
        form.forEach((name, values) -> values.forEach(value -> {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/.well-known/mercure"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** Publishes {@code data} to {@code topic} and returns the id, failing unless the hub answered 200. */
    String publish(String topic, String data) {
        HttpResponse<String> response = publishForm(publisherToken(), "topic", topic, "data", data);
        if (response.statusCode() != 200) {
            throw new AssertionError("publish failed: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    @Override
    public void close() {
        server.stop();
    }
}

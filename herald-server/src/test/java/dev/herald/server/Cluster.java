package dev.herald.server;

import dev.herald.testkit.RedisServer;
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
import java.util.List;
import java.util.Map;

/** Herald nodes on one real Redis, in this JVM on their own loopback ports, with HTTP helpers to drive them. */
final class Cluster implements AutoCloseable {

    final RedisServer redis;
    private final List<HeraldServer> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Cluster(RedisServer redis) {
        this.redis = redis;
    }

    /** A cluster on a fresh Redis; with {@code appendOnly}, Redis keeps what it acknowledged across restarts. */
    static Cluster onFreshRedis(boolean appendOnly) {
        return new Cluster(RedisServer.start(appendOnly));
    }

    /** Starts one more node on the cluster's Redis. */
    HeraldServer startNode() {
        return startNode(StorageConfig.redis(redis.uri()));
    }

    /** Starts one more node on the cluster's Redis that rewrites its subscriber counts every {@code refreshMillis}. */
    HeraldServer startNode(long refreshMillis) {
        return startNode(StorageConfig.redis(redis.uri()).withClusterRefreshMillis(refreshMillis));
    }

    private HeraldServer startNode(StorageConfig storage) {
        return startNode(HeraldFixture.base(), storage);
    }

    /** Starts one more node configured by {@code config} on the cluster's Redis, refreshing its cluster entries every {@code refreshMillis}. */
    HeraldServer startNode(ServerConfig config, long refreshMillis) {
        return startNode(config, StorageConfig.redis(redis.uri()).withClusterRefreshMillis(refreshMillis));
    }

    private HeraldServer startNode(ServerConfig config, StorageConfig storage) {
        HeraldServer node = HeraldServer.start(config, storage);
        nodes.add(node);
        return node;
    }

    /** GET {@code pathAndQuery} on {@code port} with the publisher's token; answers the response. */
    HttpResponse<String> get(int port, String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .header("Authorization", "Bearer " + HeraldFixture.publisherToken())
                .timeout(Duration.ofSeconds(15)).build();
        return send(request, "GET " + pathAndQuery + " on port " + port);
    }

    /** Publishes {@code data} to {@code topic} with the publisher's {@code id} on {@code port}; answers the response. */
    HttpResponse<String> publish(int port, String topic, String id, String data) {
        String body = "topic=" + encode(topic) + "&id=" + encode(id) + "&data=" + encode(data);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/.well-known/mercure"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer " + HeraldFixture.publisherToken())
                .timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return send(request, "publish to port " + port);
    }

    HttpResponse<String> send(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Publishes and fails unless the node answered 200 with the id. */
    void publishAccepted(HeraldServer node, String topic, String id) {
        HttpResponse<String> response = publish(node.port(), topic, id, "data of " + id);
        if (response.statusCode() != 200 || !response.body().equals(id)) {
            throw new AssertionError("publish of " + id + " answered " + response.statusCode() + " " + response.body());
        }
    }

    /** Subscribes to {@code topic} on {@code node}, resuming after {@code lastEventId} unless null. */
    SseRecorder subscribe(HeraldServer node, String topic, String lastEventId) {
        URI uri = URI.create("http://127.0.0.1:" + node.port() + HeraldFixture.mercureQuery(topic));
        return SseRecorder.open(http, uri, lastEventId == null ? Map.of() : Map.of("Last-Event-ID", lastEventId));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        nodes.forEach(HeraldServer::stop);
        redis.stop();
    }
}

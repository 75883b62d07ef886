package dev.herald.bench.load;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small SSE broadcaster speaking the three protocols the load generator knows, on a random loopback port,
 * that can misbehave on purpose: accept every {@code dropEvery}-th update but deliver it to nobody, or
 * deliver every {@code doubleEvery}-th update twice, or never answer every {@code hangEvery}-th publish.
 * The test knows exactly what the generator should count.
 */
final class TinySseServer implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, List<HttpServerResponse>> streams = new ConcurrentHashMap<>();
    private final AtomicInteger updates = new AtomicInteger();
    private final int dropEvery;
    private final int doubleEvery;
    private final int hangEvery;
    private final HttpServer server;

    TinySseServer(int dropEvery, int doubleEvery) throws Exception {
        this(dropEvery, doubleEvery, 0);
    }

    /** Also leaves every {@code hangEvery}-th publish unanswered and undelivered, as a blocked publish path would. */
    TinySseServer(int dropEvery, int doubleEvery, int hangEvery) throws Exception {
        this.dropEvery = dropEvery;
        this.doubleEvery = doubleEvery;
        this.hangEvery = hangEvery;
        this.server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.actualPort();
    }

    /** Subscribers currently open on {@code stream}. */
    int subscribers(String stream) {
        return streams.getOrDefault(stream, List.of()).size();
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (request.method().name().equals("GET")) {
            String stream = path.equals("/api/events") ? "events"
                    : path.startsWith("/sub/") ? path.substring(5) : request.getParam("topic");
            HttpServerResponse response = request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
            response.write("event: connect\ndata: connected\n\n");
            streams.computeIfAbsent(stream, s -> new CopyOnWriteArrayList<>()).add(response);
            request.connection().closeHandler(v -> streams.get(stream).remove(response));
            return;
        }
        request.body().onSuccess(body -> {
            String stream;
            String data;
            if (path.equals("/api/notify")) {
                stream = "events";
                data = body.toJsonObject().encode();
            } else if (path.startsWith("/pub/")) {
                stream = path.substring(5);
                data = body.toString();
            } else {
                Map<String, String> form = form(body.toString());
                stream = form.get("topic");
                data = form.get("data");
            }
            int n = updates.incrementAndGet();
            if (hangEvery > 0 && n % hangEvery == 0) {
                return;
            }
            int copies = dropEvery > 0 && n % dropEvery == 0 ? 0 : doubleEvery > 0 && n % doubleEvery == 0 ? 2 : 1;
            Buffer event = Buffer.buffer("event: notification\nid: " + n + "\ndata: " + data + "\n\n");
            for (HttpServerResponse subscriber : streams.getOrDefault(stream, List.of())) {
                for (int c = 0; c < copies; c++) {
                    subscriber.write(event);
                }
            }
            request.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("success", true).encode());
        });
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}

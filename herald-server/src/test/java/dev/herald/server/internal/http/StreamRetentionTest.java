package dev.herald.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.LocalBroker;
import dev.herald.hub.Hub;
import dev.herald.hub.TopicSelector;
import dev.herald.hub.Update;
import dev.herald.log.MemoryEventLog;
import dev.herald.server.internal.auth.MercureClaims;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An open stream keeps only what it needs: not its request's headers and parameters, not the routing context
 * that dispatched it. Each would cost every subscriber hundreds of bytes for as long as it stays connected.
 */
class StreamRetentionTest {

    private static final String BIG_COOKIE = "session=" + "x".repeat(4000);

    private Vertx vertx;
    private Hub hub;
    private HttpServer server;
    /** The request's maps, not the request: Vert.x Web's request wrapper refers to the routing context. */
    private volatile MultiMap headers;
    private volatile MultiMap params;
    private volatile Context context;
    private volatile WeakReference<RoutingContext> routingContext;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        hub = new Hub(new MemoryEventLog(), new LocalBroker());
        EventStreams streams = new EventStreams(hub, 15_000, 0);
        Router router = Router.router(vertx);
        router.get("/stream").handler(ctx -> {
            // As the connection guard does for every request: this hooks the response to the routing context.
            ctx.addEndHandler(v -> { });
            headers = ctx.request().headers();
            params = ctx.request().params();
            context = Vertx.currentContext();
            routingContext = new WeakReference<>(ctx);
            streams.open(ctx, List.of(TopicSelector.parse("/t")), MercureClaims.NONE, List.of());
        });
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        hub.close();
    }

    @Test
    void anOpenStreamDropsItsRequestHeadersParametersAndRoutingContextAndStillDelivers() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.actualPort() + "/stream?lastEventID=&tag=abc"))
                .header("Cookie", BIG_COOKIE).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(lines.readLine()).isEqualTo(": herald heartbeat-ms=15000");

            CompletableFuture<int[]> sizes = new CompletableFuture<>();
            context.runOnContext(v -> sizes.complete(new int[] {headers.size(), params.size()}));
            assertThat(sizes.get(10, TimeUnit.SECONDS)).as("request headers and parameters kept").containsExactly(0, 0);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (routingContext.get() != null && System.nanoTime() < deadline) {
                System.gc();
                Thread.onSpinWait();
            }
            assertThat(routingContext.get()).as("the routing context is collectable while the stream is open").isNull();

            hub.publish(new Update(List.of("/t"), "still here", null, null, null, false));
            String line;
            do {
                line = lines.readLine();
            } while (line != null && !line.startsWith("data:"));
            assertThat(line).isEqualTo("data: still here");
        }
    }
}

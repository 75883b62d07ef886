package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.hub.CloseReason;
import dev.herald.testkit.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code /readyz} says whether a balancer should send clients here; {@code /healthz} only that the process lives. */
class ReadyTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aServingNodeIsReadyAndAShuttingDownOneIsNotButStillAlive() {
        try (HeraldFixture hub = HeraldFixture.start()) {
            HttpResponse<String> ready = hub.get("/readyz");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(ready.body()).isEqualToIgnoringWhitespace("{\"ready\":true}");

            hub.server.hub().close(CloseReason.SHUTDOWN);
            HttpResponse<String> closing = hub.get("/readyz");
            assertThat(closing.statusCode()).isEqualTo(503);
            assertThat(closing.body()).isEqualToIgnoringWhitespace("{\"ready\":false,\"reason\":\"shutting down\"}");
        }
    }

    @Test
    void aClusterNodeIsNotReadyWhileRedisIsDownAndReadyAgainWhenItReturns() {
        try (Cluster cluster = Cluster.onFreshRedis(true)) {
            HeraldServer node = cluster.startNode();
            assertThat(get(node, "/readyz").statusCode()).isEqualTo(200);

            cluster.redis.stop();
            Await.until(Duration.ofSeconds(20), () -> get(node, "/readyz").statusCode() == 503, () -> "not ready without Redis");
            HttpResponse<String> down = get(node, "/readyz");
            assertThat(down.body()).contains("\"ready\":false").contains("the log is unreachable");
            assertThat(get(node, "/healthz").statusCode()).as("alive all the same").isEqualTo(200);

            cluster.redis.restart();
            Await.until(Duration.ofSeconds(30), () -> get(node, "/readyz").statusCode() == 200, () -> "ready once Redis is back");
        }
    }

    private static HttpResponse<String> get(HeraldServer node, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new AssertionError("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

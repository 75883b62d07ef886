package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.testkit.Await;
import dev.herald.testkit.SseRecorder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Subscriber counts across nodes on one real Redis: every node's counts add up in the stats and in the seed's
 * {@code /api/notify} answer, a node that stops leaves the totals at once, and one that dies after its time to live.
 */
class ClusterCountsTest {

    private static final long FAST_REFRESH_MS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theCountsOfEveryNodeAddUpInTheStatsAndInTheNotifyAnswer() {
        try (Cluster cluster = Cluster.onFreshRedis(false)) {
            HeraldServer a = cluster.startNode(FAST_REFRESH_MS);
            HeraldServer b = cluster.startNode(FAST_REFRESH_MS);
            try (SseRecorder onA1 = seedEvents(a.port()); SseRecorder onA2 = seedEvents(a.port()); SseRecorder onB = seedEvents(b.port());
                 SseRecorder booksOnA = cluster.subscribe(a, "/books/{id}", null)) {
                assertThat(booksOnA.status()).isEqualTo(200);
                Await.until(() -> stats(cluster, b, "").at("/cluster/connections").asInt() == 4, "b to count a's streams");

                JsonNode stats = stats(cluster, b, "?topic=" + "/api/events");
                assertThat(stats.at("/cluster/nodes").asInt()).isEqualTo(2);
                assertThat(stats.at("/node/connections").asInt()).isEqualTo(1);
                assertThat(stats.at("/cluster/subscriptions")).isEqualTo(JSON.valueToTree(Map.of("/api/events", 3, "/books/{id}", 1)));
                assertThat(stats.at("/topic/node").asInt()).isEqualTo(1);
                assertThat(stats.at("/topic/cluster").asInt()).isEqualTo(3);
                assertThat(stats.at("/nodes/0/id").asText()).isNotEqualTo(stats.at("/nodes/1/id").asText());

                assertThat(notify(cluster, b).body()).isEqualTo("{\"success\":true,\"clients\":3}");
            }
        }
    }

    @Test
    void aNodeThatStopsLeavesTheTotalsLongBeforeItsEntryWouldExpire() {
        try (Cluster cluster = Cluster.onFreshRedis(false)) {
            HeraldServer a = cluster.startNode(FAST_REFRESH_MS);
            HeraldServer slow = cluster.startNode(10_000);
            Await.until(() -> stats(cluster, a, "").at("/cluster/nodes").asInt() == 2, "a to see the other node");

            slow.stop();

            Await.until(Duration.ofSeconds(5), () -> stats(cluster, a, "").at("/cluster/nodes").asInt() == 1,
                    () -> "a to drop the stopped node, whose entry would live 30 s");
        }
    }

    @Test
    void aNodeThatDiesWithoutCleaningUpDropsOutOfTheTotalsAfterItsTimeToLive() {
        try (Cluster cluster = Cluster.onFreshRedis(false)) {
            HeraldServer a = cluster.startNode(FAST_REFRESH_MS);
            // Refreshing every second, so its entry lives 3 s: long enough to see it outlive the kill.
            try (ChildNode dying = ChildNode.start("--redis", cluster.redis.uri(), "--publisher-jwt-key", HeraldFixture.KEY,
                    "--anonymous", "--heartbeat", "0", "--cluster-refresh-ms", "1000");
                 SseRecorder one = seedEvents(dying.port()); SseRecorder two = seedEvents(dying.port())) {
                Await.until(() -> stats(cluster, a, "").at("/cluster/connections").asInt() == 2, "a to count the child's streams");

                long killed = System.nanoTime();
                dying.kill();
                assertThat(stats(cluster, a, "").at("/cluster/nodes").asInt()).as("still counted right after the kill").isEqualTo(2);

                Await.until(Duration.ofSeconds(10), () -> stats(cluster, a, "").at("/cluster/nodes").asInt() == 1,
                        () -> "the dead node's entry to expire");
                System.out.printf("a killed node left the totals %d ms after the kill (time to live 3000 ms)%n",
                        Duration.ofNanos(System.nanoTime() - killed).toMillis());
                assertThat(stats(cluster, a, "").at("/cluster/connections").asInt()).isZero();
            }
        }
    }

    /** A stream of the seed's /api/events, returned once its connect event arrived (so the node counts it). */
    private static SseRecorder seedEvents(int port) {
        SseRecorder events = SseRecorder.open(URI.create("http://127.0.0.1:" + port + "/api/events"));
        assertThat(events.next().type()).isEqualTo("connect");
        return events;
    }

    private static JsonNode stats(Cluster cluster, HeraldServer node, String query) {
        HttpResponse<String> response = cluster.get(node.port(), "/herald/stats" + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("stats are not JSON: " + response.body(), e);
        }
    }

    private static HttpResponse<String> notify(Cluster cluster, HeraldServer node) {
        return cluster.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/api/notify"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + HeraldFixture.publisherToken())
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hello\"}")).build(), "notify");
    }
}

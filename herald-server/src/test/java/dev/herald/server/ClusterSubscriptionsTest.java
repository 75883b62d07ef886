package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.sse.MessageEvent;
import dev.herald.testkit.Await;
import dev.herald.testkit.SseRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Mercure subscriptions API of a cluster on one real Redis: any node lists the subscribers of every node,
 * and the subscription events of one node reach watchers on another.
 */
class ClusterSubscriptionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WATCHER = SubscriptionsApiTest.WATCHER;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyNodeListsTheSubscribersOfAllNodesAndTheirEventsCrossNodes() throws Exception {
        ServerConfig config = HeraldFixture.base().withSubscriptionsApi(true);
        try (Cluster cluster = Cluster.onFreshRedis(false)) {
            HeraldServer a = cluster.startNode(config, 200);
            HeraldServer b = cluster.startNode(config, 200);
            try (SseRecorder watcherOnB = SseRecorder.open(http, mercure(b, "/.well-known/mercure/subscriptions/{topic}/{subscriber}"),
                    Map.of("Authorization", "Bearer " + WATCHER))) {
                assertThat(watcherOnB.status()).isEqualTo(200);
                try (SseRecorder bookReaderOnA = cluster.subscribe(a, "/books/{id}", null)) {
                    assertThat(bookReaderOnA.status()).isEqualTo(200);

                    JsonNode joined = nextAbout("/books/{id}", watcherOnB);
                    assertThat(joined.get("active").asBoolean()).isTrue();

                    Await.until(() -> topicsListedBy(b).contains("/books/{id}"), "node b to list the subscriber on node a");
                }
                JsonNode left = nextAbout("/books/{id}", watcherOnB);
                assertThat(left.get("active").asBoolean()).isFalse();
                Await.until(() -> !topicsListedBy(b).contains("/books/{id}"), "node b to see the subscriber on node a leave");
            }
        }
    }

    /** The next subscription event about {@code topic}, passing over the watcher's own. */
    private static JsonNode nextAbout(String topic, SseRecorder watcher) throws Exception {
        while (true) {
            MessageEvent event = watcher.next();
            JsonNode subscription = JSON.readTree(event.data());
            if (subscription.get("topic").asText().equals(topic)) {
                return subscription;
            }
        }
    }

    private static URI mercure(HeraldServer node, String topic) {
        return URI.create("http://127.0.0.1:" + node.port() + HeraldFixture.mercureQuery(topic));
    }

    private String topicsListedBy(HeraldServer node) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/.well-known/mercure/subscriptions"))
                .header("Authorization", "Bearer " + WATCHER).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            StringBuilder topics = new StringBuilder();
            for (JsonNode subscription : JSON.readTree(response.body()).get("subscriptions")) {
                topics.append(subscription.get("topic").asText()).append('\n');
            }
            return topics.toString();
        } catch (Exception e) {
            throw new AssertionError("listing subscriptions on port " + node.port() + " failed: " + e, e);
        }
    }
}

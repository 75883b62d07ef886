package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.MessageEvent;
import dev.herald.testkit.Await;
import dev.herald.testkit.SseRecorder;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Redis goes away mid-stream and comes back: publishes meanwhile answer 503 with a reason, subscribers keep
 * their connections, and afterwards every accepted update reaches every subscriber once, in order.
 */
class RedisBlinkTest {

    private static final String TOPIC = "https://example.com/blink";
    private static final int UPDATES = 50;

    @Test
    void publishesFailWith503WhileRedisIsDownAndEveryAcceptedUpdateIsDeliveredOnceAfterItReturns() throws Exception {
        try (Cluster cluster = Cluster.onFreshRedis(true)) {
            HeraldServer a = cluster.startNode();
            HeraldServer b = cluster.startNode();
            try (SseRecorder onA = cluster.subscribe(a, TOPIC, null);
                 SseRecorder onB = cluster.subscribe(b, TOPIC, null)) {
                assertThat(onA.status()).isEqualTo(200);
                assertThat(onB.status()).isEqualTo(200);
                List<String> accepted = new CopyOnWriteArrayList<>();
                List<HttpResponse<String>> refused = new CopyOnWriteArrayList<>();
                Thread publisher = new Thread(() -> publishRetryingRefusals(cluster, b, accepted, refused), "publisher");
                publisher.start();

                Await.until(() -> accepted.size() >= 15, "15 updates accepted before the outage");
                cluster.redis.stop();
                Await.until(Duration.ofSeconds(20), () -> refused.size() >= 8, () -> "8 publishes refused during the outage");
                cluster.redis.restart();
                publisher.join(Duration.ofSeconds(60).toMillis());

                assertThat(accepted).hasSize(UPDATES);
                assertThat(refused.get(0).statusCode()).isEqualTo(503);
                assertThat(refused.get(0).body()).contains("Redis").contains("try again");
                assertThat(refused.get(0).headers().firstValue("Retry-After")).isPresent();
                for (SseRecorder subscriber : List.of(onA, onB)) {
                    List<MessageEvent> received = subscriber.awaitCount(UPDATES, Duration.ofSeconds(20));
                    assertThat(received.stream().map(MessageEvent::lastEventId).toList()).containsExactlyElementsOf(accepted);
                    assertThat(subscriber.ended()).as("the subscriber's connection stayed open").isFalse();
                }
            }
        }
    }

    /**
     * Publishes UPDATES updates in order; a refused one is retried with the same id (a retry of an update
     * whose append did reach Redis is acknowledged, not duplicated), so each id is accepted exactly once.
     */
    private static void publishRetryingRefusals(Cluster cluster, HeraldServer node, List<String> accepted,
                                                List<HttpResponse<String>> refused) {
        for (int i = 0; i < UPDATES; i++) {
            String id = "blink-" + i;
            while (true) {
                HttpResponse<String> response = cluster.publish(node.port(), TOPIC, id, "data of " + id);
                if (response.statusCode() == 200) {
                    accepted.add(id);
                    break;
                }
                refused.add(response);
                pace(50);
            }
            pace(20);
        }
    }

    /** Paces the publisher (a rate, not a wait for a condition). */
    private static void pace(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

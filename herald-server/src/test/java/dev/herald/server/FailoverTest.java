package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.EventSource;
import dev.herald.client.EventStream;
import dev.herald.client.ReadyState;
import dev.herald.sse.MessageEvent;
import dev.herald.testkit.Await;
import dev.herald.testkit.FailoverProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A node dies under a subscriber: the Java client reconnects through a balancer to another node and, with
 * its Last-Event-ID, receives every update exactly once while publishing goes on.
 */
class FailoverTest {

    private static final String TOPIC = "https://example.com/failover";
    private static final int UPDATES = 120;

    @Test
    void aClientOfAKilledNodeResumesOnAnotherAndReceivesEveryUpdateExactlyOnce() throws Exception {
        try (Cluster cluster = Cluster.onFreshRedis(false)) {
            HeraldServer b = cluster.startNode();
            try (ChildNode a = ChildNode.start("--redis", cluster.redis.uri(), "--publisher-jwt-key", HeraldFixture.KEY,
                    "--anonymous", "--heartbeat", "0", "--retry-ms", "100");
                 FailoverProxy balancer = FailoverProxy.start(List.of(a.port(), b.port()));
                 EventStream events = EventSource.builder(balancer.uri(HeraldFixture.mercureQuery(TOPIC))).openStream()) {

                List<String> published = new CopyOnWriteArrayList<>();
                AtomicBoolean publishing = new AtomicBoolean(true);
                Thread publisher = new Thread(() -> {
                    for (int i = 0; i < UPDATES && publishing.get(); i++) {
                        String id = "f-" + i;
                        cluster.publishAccepted(b, TOPIC, id);
                        published.add(id);
                        pace();
                    }
                }, "publisher");

                Await.until(() -> events.source().readyState() == ReadyState.OPEN, "the client to connect through the balancer");
                List<String> received = new ArrayList<>();
                publisher.start();
                received.addAll(take(events, 30));
                a.kill();
                received.addAll(take(events, UPDATES - received.size()));
                publisher.join(Duration.ofSeconds(30).toMillis());

                assertThat(published).hasSize(UPDATES);
                assertThat(received).containsExactlyElementsOf(published.subList(0, received.size()));
                assertThat(received).hasSize(UPDATES);
                Optional<MessageEvent> extra = events.next(Duration.ofMillis(300));
                assertThat(extra).as("nothing after the last update").isEmpty();
            }
        }
    }

    private static List<String> take(EventStream events, int count) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MessageEvent event = events.next(Duration.ofSeconds(20))
                    .orElseThrow(() -> new AssertionError("no update within 20 s after " + ids));
            ids.add(event.lastEventId());
        }
        return ids;
    }

    /** Spreads the publishes over about a second and a half, so the kill lands mid-stream. */
    private static void pace() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

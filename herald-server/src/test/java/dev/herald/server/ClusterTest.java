package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.MessageEvent;
import dev.herald.testkit.SseRecorder;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Three Herald nodes on one real Redis behave as one hub. */
class ClusterTest {

    private static Cluster cluster;
    private static HeraldServer a;
    private static HeraldServer b;
    private static HeraldServer c;

    @BeforeAll
    static void startCluster() {
        cluster = Cluster.onFreshRedis(false);
        a = cluster.startNode();
        b = cluster.startNode();
        c = cluster.startNode();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static List<String> ids(List<MessageEvent> events) {
        return events.stream().map(MessageEvent::lastEventId).toList();
    }

    @Test
    void aSubscriberOnOneNodeReceivesInOrderWhatTheOtherNodesPublish() {
        String topic = "https://example.com/cluster/order";
        try (SseRecorder onA = cluster.subscribe(a, topic, null)) {
            assertThat(onA.status()).isEqualTo(200);
            List<String> published = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String id = "order-" + i;
                cluster.publishAccepted(i % 2 == 0 ? b : c, topic, id);
                published.add(id);
            }

            List<MessageEvent> received = onA.awaitCount(40, Duration.ofSeconds(10));

            assertThat(ids(received)).containsExactlyElementsOf(published);
            assertThat(received.get(7).data()).isEqualTo("data of order-7");
        }
    }

    @Test
    void anyNodeReplaysHistoryAfterAnIdPublishedOnAnother() {
        String topic = "https://example.com/cluster/replay";
        cluster.publishAccepted(a, topic, "replay-1");
        cluster.publishAccepted(b, topic, "replay-2");
        cluster.publishAccepted(c, topic, "replay-3");

        try (SseRecorder onC = cluster.subscribe(c, topic, "replay-1")) {
            assertThat(onC.headers().firstValue("Herald-History-Gap")).isEmpty();
            assertThat(ids(onC.next(2))).containsExactly("replay-2", "replay-3");
        }
    }

    @Test
    void aRepeatedPublishOnAnotherNodeIsAcknowledgedAndNotDeliveredAgain() {
        String topic = "https://example.com/cluster/idempotent";
        try (SseRecorder onA = cluster.subscribe(a, topic, null)) {
            assertThat(onA.status()).isEqualTo(200);
            cluster.publishAccepted(b, topic, "once");

            HttpResponse<String> retry = cluster.publish(c.port(), topic, "once", "retried after a timeout");
            cluster.publishAccepted(c, topic, "after");

            assertThat(retry.statusCode()).isEqualTo(200);
            assertThat(retry.body()).isEqualTo("once");
            List<MessageEvent> received = onA.awaitCount(2, Duration.ofSeconds(10));
            assertThat(ids(received)).containsExactly("once", "after");
            assertThat(received.get(0).data()).isEqualTo("data of once");
        }
    }

    @Test
    void anUnknownLastEventIdIsReportedAsAGapOnAnyNode() {
        String topic = "https://example.com/cluster/gap";
        cluster.publishAccepted(a, topic, "gap-1");

        try (SseRecorder onB = cluster.subscribe(b, topic, "never-published")) {
            assertThat(onB.headers().firstValue("Herald-History-Gap")).contains("true");
            assertThat(onB.next().type()).isEqualTo("herald-history-gap");
        }
    }
}

package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.MessageEvent;
import dev.herald.testkit.Await;
import dev.herald.testkit.SseRecorder;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FanOutTest {

    @Test
    void twoThousandSubscribersEachReceiveAHundredUpdatesCompleteAndInOrder() {
        try (HeraldFixture hub = HeraldFixture.start()) {
            List<MessageEvent> last = everySubscriberGetsEveryUpdateInOrder(hub, 2000, 100);
            assertThat(last.get(99).data()).isEqualTo("update 99");
        }
    }

    @Test
    void subscribersSpreadOverFourEventLoopsEachReceiveEveryUpdateInOrder() {
        try (HeraldFixture hub = HeraldFixture.start(HeraldFixture.base().withEventLoops(4))) {
            assertThat(hub.server.eventLoops()).isEqualTo(4);
            everySubscriberGetsEveryUpdateInOrder(hub, 400, 50);
        }
    }

    /**
     * Opens {@code subscribers} streams of one topic (each holds a connection of its own, which the listeners take
     * in turn), publishes {@code updates}, checks that every stream got them all in publish order, and returns
     * the last stream's events.
     */
    private static List<MessageEvent> everySubscriberGetsEveryUpdateInOrder(HeraldFixture hub, int subscribers, int updates) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<SseRecorder> recorders = new ArrayList<>(subscribers);
        for (int i = 0; i < subscribers; i++) {
            recorders.add(SseRecorder.open(client, hub.uri(HeraldFixture.mercureQuery("/news")), Map.of()));
        }
        Await.until(Duration.ofSeconds(60), () -> hub.server.hub().subscriberCount() == subscribers,
                () -> subscribers + " subscribers, have " + hub.server.hub().subscriberCount());
        List<String> ids = new ArrayList<>(updates);
        for (int i = 0; i < updates; i++) {
            ids.add(hub.publish("/news", "update " + i));
        }
        List<MessageEvent> got = List.of();
        for (SseRecorder recorder : recorders) {
            got = recorder.awaitCount(updates, Duration.ofSeconds(60));
            assertThat(got).extracting(MessageEvent::lastEventId).containsExactlyElementsOf(ids);
        }
        recorders.forEach(SseRecorder::close);
        return got;
    }
}

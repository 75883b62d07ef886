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
        int subscribers = 2000;
        int updates = 100;
        try (HeraldFixture hub = HeraldFixture.start()) {
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
            for (SseRecorder recorder : recorders) {
                List<MessageEvent> got = recorder.awaitCount(updates, Duration.ofSeconds(60));
                assertThat(got).extracting(MessageEvent::lastEventId).containsExactlyElementsOf(ids);
                assertThat(got.get(updates - 1).data()).isEqualTo("update " + (updates - 1));
            }
            recorders.forEach(SseRecorder::close);
        }
    }

    @Test
    void subscribersSpreadOverFourEventLoopsEachReceiveEveryUpdateInOrder() {
        int subscribers = 400;
        int updates = 50;
        try (HeraldFixture hub = HeraldFixture.start(HeraldFixture.base().withEventLoops(4))) {
            // Each open stream holds a connection of its own; the listeners take the connections in turn.
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<SseRecorder> recorders = new ArrayList<>(subscribers);
            for (int i = 0; i < subscribers; i++) {
                recorders.add(SseRecorder.open(client, hub.uri(HeraldFixture.mercureQuery("/news")), Map.of()));
            }
            Await.until(Duration.ofSeconds(60), () -> hub.server.hub().subscriberCount() == subscribers,
                    () -> subscribers + " subscribers, have " + hub.server.hub().subscriberCount());
            assertThat(hub.server.eventLoops()).isEqualTo(4);
            List<String> ids = new ArrayList<>(updates);
            for (int i = 0; i < updates; i++) {
                ids.add(hub.publish("/news", "update " + i));
            }
            for (SseRecorder recorder : recorders) {
                List<MessageEvent> got = recorder.awaitCount(updates, Duration.ofSeconds(60));
                assertThat(got).extracting(MessageEvent::lastEventId).containsExactlyElementsOf(ids);
            }
            recorders.forEach(SseRecorder::close);
        }
    }
}

package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.MessageEvent;
import dev.herald.testkit.SseRecorder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReplayTest {

    static HeraldFixture hub;

    @BeforeAll
    static void start() {
        hub = HeraldFixture.start(HeraldFixture.base().withHistory(500, 1 << 20));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void lastEventIdHeaderResumesAfterThatUpdate() {
        String first = hub.publish("/replay/a", "1");
        hub.publish("/replay/a", "2");
        hub.publish("/replay/other", "not followed");
        hub.publish("/replay/a", "3");
        try (SseRecorder subscriber = hub.subscribe(Map.of("Last-Event-ID", first), "/replay/a")) {
            assertThat(subscriber.headers().firstValue("Last-Event-ID")).hasValue(first);
            assertThat(subscriber.next(2)).extracting(MessageEvent::data).containsExactly("2", "3");
            hub.publish("/replay/a", "4");
            assertThat(subscriber.next().data()).isEqualTo("4");
            assertThat(subscriber.nothingUnread()).isTrue();
        }
    }

    @Test
    void lastEventIdQueryParameterResumesToo() {
        String first = hub.publish("/replay/q", "1");
        hub.publish("/replay/q", "2");
        String query = HeraldFixture.mercureQuery("/replay/q") + "&lastEventID=" + URLEncoder.encode(first, StandardCharsets.UTF_8);
        try (SseRecorder subscriber = SseRecorder.open(hub.http, hub.uri(query), Map.of())) {
            assertThat(subscriber.next().data()).isEqualTo("2");
        }
    }

    @Test
    void theHeaderWinsOverTheQueryParameterAsBrowsersUpdateOnlyTheHeader() {
        String first = hub.publish("/replay/hq", "1");
        String second = hub.publish("/replay/hq", "2");
        hub.publish("/replay/hq", "3");
        String query = HeraldFixture.mercureQuery("/replay/hq") + "&lastEventID=" + URLEncoder.encode(first, StandardCharsets.UTF_8);
        try (SseRecorder subscriber = SseRecorder.open(hub.http, hub.uri(query), Map.of("Last-Event-ID", second))) {
            assertThat(subscriber.next().data()).isEqualTo("3");
        }
    }

    @Test
    void earliestReplaysAllRetainedHistory() {
        try (HeraldFixture fresh = HeraldFixture.start()) {
            fresh.publish("/e", "1");
            fresh.publish("/e", "2");
            try (SseRecorder subscriber = SseRecorder.open(fresh.http,
                    fresh.uri(HeraldFixture.mercureQuery("/e") + "&lastEventID=earliest"), Map.of())) {
                assertThat(subscriber.headers().firstValue("Last-Event-ID")).hasValue("earliest");
                assertThat(subscriber.next(2)).extracting(MessageEvent::data).containsExactly("1", "2");
            }
        }
    }

    @Test
    void anUnknownLastEventIdIsToldInBandAndInTheHeaderAndSendsWhatIsRetained() {
        try (HeraldFixture fresh = HeraldFixture.start()) {
            fresh.publish("/u", "kept");
            try (SseRecorder subscriber = fresh.subscribe(Map.of("Last-Event-ID", "no-such-id"), "/u")) {
                assertThat(subscriber.headers().firstValue("Herald-History-Gap")).hasValue("true");
                assertThat(subscriber.headers().firstValue("Last-Event-ID")).hasValue("earliest");
                MessageEvent gap = subscriber.next();
                assertThat(gap.type()).isEqualTo("herald-history-gap");
                assertThat(gap.data()).isEqualTo("no-such-id");
                assertThat(subscriber.next().data()).isEqualTo("kept");
            }
        }
    }

    @Test
    void aLastEventIdWithALineBreakIs400AndLeavesNoSubscriptionBehind() {
        int before = hub.server.hub().subscriberCount();
        var response = hub.get(HeraldFixture.mercureQuery("/x") + "&lastEventID=a%0D%0ALocation:%20evil");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Last-Event-ID");
        assertThat(hub.server.hub().subscriberCount()).isLessThanOrEqualTo(before);
    }

    @Test
    void publishesRacingResumingSubscribersAreDeliveredExactlyOnceInOrder() throws Exception {
        int publishers = 4;
        int perPublisher = 50;
        int subscribers = 20;
        String topic = "/race";
        String start = hub.publish(topic, "start");
        ExecutorService pool = Executors.newFixedThreadPool(publishers + 2);
        List<String> published = new CopyOnWriteArrayList<>();
        List<SseRecorder> recorders = new CopyOnWriteArrayList<>();
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                int publisher = p;
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < perPublisher; i++) {
                        published.add(hub.publish(topic, publisher + ":" + i));
                    }
                }));
            }
            tasks.add(pool.submit(() -> {
                for (int s = 0; s < subscribers; s++) {
                    SseRecorder recorder = hub.subscribe(Map.of("Last-Event-ID", start), topic);
                    recorders.add(recorder);
                    recorder.status();
                }
            }));
            for (Future<?> task : tasks) {
                task.get();
            }
            int total = publishers * perPublisher;
            for (SseRecorder recorder : recorders) {
                List<MessageEvent> events = recorder.awaitCount(total, Duration.ofSeconds(20));
                assertThat(events).hasSize(total);
                assertThat(events).extracting(MessageEvent::lastEventId).doesNotHaveDuplicates();
                assertThat(events).extracting(MessageEvent::lastEventId).containsExactlyInAnyOrderElementsOf(published);
                for (int p = 0; p < publishers; p++) {
                    String prefix = p + ":";
                    List<String> mine = events.stream().map(MessageEvent::data).filter(d -> d.startsWith(prefix)).toList();
                    List<String> expected = new ArrayList<>();
                    for (int i = 0; i < perPublisher; i++) {
                        expected.add(prefix + i);
                    }
                    assertThat(mine).as("publisher %d's updates in order", p).containsExactlyElementsOf(expected);
                }
            }
            // Every subscriber saw the same single log order.
            List<String> order = recorders.get(0).received().stream().map(MessageEvent::lastEventId).toList();
            for (SseRecorder recorder : recorders) {
                assertThat(recorder.received().stream().map(MessageEvent::lastEventId).toList()).isEqualTo(order);
            }
        } finally {
            recorders.forEach(SseRecorder::close);
            pool.shutdownNow();
        }
    }
}

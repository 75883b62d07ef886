package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.hub.CloseReason;
import dev.herald.hub.Hub;
import dev.herald.hub.HubOptions;
import dev.herald.hub.SubscribeRequest;
import dev.herald.hub.Subscription;
import dev.herald.hub.SubscriptionSink;
import dev.herald.hub.TopicSelector;
import dev.herald.hub.Update;
import dev.herald.log.LogUnavailableException;
import dev.herald.sse.MessageEvent;
import dev.herald.sse.SseListener;
import dev.herald.sse.SseParser;
import dev.herald.testkit.Await;
import dev.herald.testkit.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hubs over the Redis log and broker, against a real redis-server the test stops and restarts. */
class RedisHubTest {

    private static final String TOPIC = "https://example.com/t";

    private final RedisServer redis = RedisServer.start();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        redis.stop();
    }

    private Hub hub(RedisOptions options) {
        RedisStream stream = RedisStream.connect(options);
        Hub hub = new Hub(stream.eventLog(), stream.broker(), HubOptions.defaults(), Executors.newSingleThreadExecutor(), System::nanoTime);
        toClose.add(stream);
        toClose.add(hub);
        return hub;
    }

    private static Update update(String id) {
        return Update.of(TOPIC, "data of " + id).withId(id);
    }

    @Test
    void aStreamLostWithARedisRestartIsReportedAsAGapAndDeliveryGoesOn() {
        Hub hub = hub(RedisOptions.of(redis.uri()));
        Recorder live = Recorder.subscribe(hub, null);
        hub.publish(update("before"));
        Await.until(() -> live.ids().contains("before"), "the first update delivered");

        redis.restart(); // no persistence: the stream, its index and its epoch are gone
        Await.until(Duration.ofSeconds(10), () -> publishes(hub, update("after")), () -> "a publish to succeed after the restart");
        Await.until(() -> live.ids().contains("after"), "the update after the restart delivered");

        Recorder resumed = Recorder.subscribe(hub, "before");
        Await.until(() -> !resumed.events().isEmpty(), "the resuming subscriber told of the gap");
        assertThat(resumed.subscription().missedHistory()).isTrue();
        assertThat(resumed.events().get(0).type()).isEqualTo("herald-history-gap");
        assertThat(live.ids()).containsExactly("before", "after");
    }

    @Test
    void positionsKeepIncreasingAcrossALostStream() {
        RedisStream stream = RedisStream.connect(RedisOptions.of(redis.uri()));
        toClose.add(stream);
        RedisEventLog log = stream.eventLog();
        toClose.add(log);
        long before = log.append(update("one")).entry().position();

        redis.restart();
        Await.until(Duration.ofSeconds(10), () -> appends(log, update("two")), () -> "an append after the restart");

        assertThat(log.positionOf("two").orElseThrow()).isGreaterThan(before);
        assertThat(log.positionOf("one")).isEqualTo(OptionalLong.empty());
    }

    @Test
    void entriesOlderThanTheMaxAgeAreTrimmedWithTheirIds() {
        RedisStream stream = RedisStream.connect(RedisOptions.of(redis.uri()).withLimits(0, Duration.ofMillis(300)));
        toClose.add(stream);
        RedisEventLog log = stream.eventLog();
        toClose.add(log);
        log.append(update("old"));
        int[] ticks = {0};

        Await.until(() -> {
            log.append(update("tick-" + ticks[0]++));
            return log.positionOf("old").isEmpty();
        }, "the old entry to age out");

        assertThat(log.readAfter(0, 1000).truncated()).isTrue();
        assertThat(log.readAfter(0, 1000).entries()).extracting(e -> e.id()).doesNotContain("old");
    }

    @Test
    void appendingWhileRedisIsDownFailsAsUnavailableNamingRedis() {
        RedisStream stream = RedisStream.connect(RedisOptions.of(redis.uri()));
        toClose.add(stream);
        RedisEventLog log = stream.eventLog();
        toClose.add(log);
        log.append(update("up"));

        redis.stop();

        assertThatThrownBy(() -> log.append(update("down")))
                .isInstanceOf(LogUnavailableException.class)
                .hasMessageContaining("Redis at redis://127.0.0.1:" + redis.port())
                .hasMessageContaining("not accepted");
    }

    private static boolean publishes(Hub hub, Update update) {
        try {
            hub.publish(update);
            return true;
        } catch (LogUnavailableException e) {
            return false;
        }
    }

    private static boolean appends(RedisEventLog log, Update update) {
        try {
            log.append(update);
            return true;
        } catch (LogUnavailableException e) {
            return false;
        }
    }

    /** A sink that parses what the subscription sends. */
    private static final class Recorder implements SubscriptionSink {
        private final List<MessageEvent> events = new CopyOnWriteArrayList<>();
        private final SseParser parser = new SseParser(new SseListener() {
            @Override
            public void onEvent(MessageEvent event) {
                events.add(event);
            }
        });
        private volatile Subscription subscription;

        static Recorder subscribe(Hub hub, String lastEventId) {
            Recorder recorder = new Recorder();
            SubscribeRequest request = new SubscribeRequest(List.of(TopicSelector.parse(TOPIC)), List.of(), lastEventId);
            recorder.subscription = hub.subscribe(request, recorder);
            recorder.onReady();
            return recorder;
        }

        Subscription subscription() {
            return subscription;
        }

        List<MessageEvent> events() {
            onReady();
            return List.copyOf(events);
        }

        List<String> ids() {
            return events().stream().map(MessageEvent::lastEventId).toList();
        }

        @Override
        public synchronized void onReady() {
            Subscription s = subscription;
            if (s == null) {
                return;
            }
            List<byte[]> events = new ArrayList<>();
            while (s.poll(65536, events) > 0) {
                events.forEach(parser::feed);
                events.clear();
            }
        }

        @Override
        public void onClosed(CloseReason reason) {
        }
    }
}

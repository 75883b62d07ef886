package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.LocalBroker;
import dev.herald.log.LogEntry;
import dev.herald.log.MemoryEventLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The race {@link Subscription} closes: subscribers resuming while publishes race their subscribe must see every
 * later update exactly once, in order, with no gap and no duplicate, both when the catch-up is quick and when
 * the live stream outruns it.
 */
class CatchUpRaceTest {

    private static final String RED = "urn:race:red";
    private static final String BLUE = "urn:race:blue";
    private static final int ITERATIONS = 40;
    private static final int PUBLISHERS = 4;
    private static final int UPDATES_PER_PUBLISHER = 250;
    private static final int SUBSCRIBERS = 8;
    private static final int SEEDS = 20;

    /** A subscriber of the race: what it follows, and the id its stream must start after. */
    private record Racer(RecordingSink sink, TopicSelector selector, String resumeId) {
    }

    @Test
    void resumingSubscribersRacingConcurrentPublishesSeeEveryLaterUpdateOnceInOrder() throws Exception {
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            runOneRace();
        }
    }

    private void runOneRace() throws Exception {
        MemoryEventLog log = new MemoryEventLog(100_000, Long.MAX_VALUE);
        ExecutorService replayPool = Executors.newFixedThreadPool(4);
        ExecutorService threads = Executors.newFixedThreadPool(PUBLISHERS + SUBSCRIBERS);
        try (Hub hub = new Hub(log, new LocalBroker(), HubOptions.defaults(), replayPool, System::nanoTime)) {
            for (int i = 0; i < SEEDS; i++) {
                hub.publish(Update.of(i % 2 == 0 ? RED : BLUE, "seed").withId("seed-" + i));
            }
            AtomicReference<String> latest = new AtomicReference<>("seed-" + (SEEDS - 1));
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> publishers = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                int publisher = p;
                publishers.add(threads.submit(() -> {
                    go.await();
                    for (int i = 0; i < UPDATES_PER_PUBLISHER; i++) {
                        String topic = ThreadLocalRandom.current().nextBoolean() ? RED : BLUE;
                        latest.set(hub.publish(Update.of(topic, "u").withId("p" + publisher + "-" + i)).id());
                    }
                    return null;
                }));
            }
            List<Future<Racer>> subscribers = new ArrayList<>();
            for (int s = 0; s < SUBSCRIBERS; s++) {
                int subscriber = s;
                subscribers.add(threads.submit(() -> {
                    go.await();
                    waitForTraffic(log, ThreadLocalRandom.current().nextInt(PUBLISHERS * UPDATES_PER_PUBLISHER));
                    return subscribe(hub, subscriber, latest.get());
                }));
            }
            go.countDown();
            for (var publisher : publishers) {
                publisher.get(10, TimeUnit.SECONDS);
            }
            for (var subscriber : subscribers) {
                assertSawEverythingAfterItsStart(log, subscriber.get(10, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
            replayPool.shutdownNow();
        }
    }

    /** Spins until the log holds {@code appended} more updates than the seeds, so subscribes land mid-stream. */
    private static void waitForTraffic(MemoryEventLog log, int appended) {
        while (log.headPosition() < SEEDS + appended) {
            Thread.yield();
        }
    }

    /** Subscribes in one of four ways: following one colour or all, resuming after a seed or after the latest id. */
    private static Racer subscribe(Hub hub, int subscriber, String latestId) {
        TopicSelector selector = TopicSelector.parse(subscriber % 2 == 0 ? RED : "*");
        String resumeId = subscriber % 4 < 2 ? latestId : "seed-" + ThreadLocalRandom.current().nextInt(SEEDS);
        RecordingSink sink = new RecordingSink();
        sink.subscribe(hub, SubscribeRequest.live(List.of(selector)).resumingAfter(resumeId));
        return new Racer(sink, selector, resumeId);
    }

    private static void assertSawEverythingAfterItsStart(MemoryEventLog log, Racer racer) {
        long start = log.positionOf(racer.resumeId()).orElseThrow();
        List<String> expected = log.readAfter(start, Integer.MAX_VALUE).entries().stream()
                .filter(entry -> entry.update().topics().stream().anyMatch(racer.selector()::matches))
                .map(LogEntry::id)
                .toList();
        Eventually.until(Eventually.DEFAULT, () -> racer.sink().ids().size() >= expected.size(),
                () -> expected.size() + " updates after " + racer.resumeId() + ", got " + racer.sink().ids().size());
        assertThat(racer.sink().subscription().missedHistory()).isFalse();
        assertThat(racer.sink().ids())
                .as("updates after %s following %s", racer.resumeId(), racer.selector())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void aCatchUpSlowerThanTheLiveStreamStillDeliversEverythingOnceInOrder() {
        ManualExecutor replay = new ManualExecutor();
        MemoryEventLog log = new MemoryEventLog();
        try (Hub hub = new Hub(log, new InlineBroker(), new HubOptions(1024, 4, 100), replay, System::nanoTime)) {
            String payload = "y".repeat(80);
            IntStream.rangeClosed(1, 20).forEach(i -> hub.publish(Update.of(RED, payload).withId("h" + i)));
            RecordingSink sink = new RecordingSink();
            sink.subscribe(hub, SubscribeRequest.live(List.of(TopicSelector.parse(RED))).resumingAfter("h5"));
            assertThat(replay.pending()).as("the catch-up, held back").isEqualTo(1);

            // Far more than the budget arrives live while the catch-up has not even started: the side buffer overflows.
            IntStream.rangeClosed(1, 60).forEach(i -> hub.publish(Update.of(RED, payload).withId("live" + i)));
            // Then the catch-up crawls (a step every 7 updates) while the live stream keeps outrunning it.
            for (int i = 61; i <= 200; i++) {
                hub.publish(Update.of(RED, payload).withId("live" + i));
                sink.drain();
                if (i % 7 == 0) {
                    replay.runPending();
                }
            }
            Eventually.until(Eventually.DEFAULT, () -> {
                sink.drain();
                replay.runPending();
                return sink.hasReceived("live200");
            }, () -> "live200, got " + sink.ids());
            String last = hub.publish(Update.of(RED, payload).withId("after")).id();

            List<String> expected = new ArrayList<>(IntStream.rangeClosed(6, 20).mapToObj(i -> "h" + i).toList());
            IntStream.rangeClosed(1, 200).forEach(i -> expected.add("live" + i));
            expected.add(last);
            assertThat(sink.ids()).containsExactlyElementsOf(expected);
            assertThat(sink.subscription().isClosed()).isFalse();
            assertThat(sink.subscription().missedHistory()).isFalse();
        }
    }

    @Test
    void catchUpsOutrunByConcurrentPublishesInASmallBudgetStillDeliverEverythingAcrossReconnects() throws Exception {
        MemoryEventLog log = new MemoryEventLog(100_000, Long.MAX_VALUE);
        ExecutorService replayPool = Executors.newFixedThreadPool(2);
        ExecutorService threads = Executors.newCachedThreadPool();
        List<ResumingClient> clients = new ArrayList<>();
        HubOptions smallBudget = new HubOptions(1024, 4, 100_000);
        try (Hub hub = new Hub(log, new LocalBroker(), smallBudget, replayPool, System::nanoTime)) {
            String payload = "z".repeat(60);
            for (int i = 0; i < SEEDS; i++) {
                hub.publish(Update.of(RED, payload).withId("seed-" + i));
            }
            for (int round = 0; round < 10; round++) {
                for (int c = 0; c < 3; c++) {
                    TopicSelector selector = TopicSelector.parse(c == 0 ? RED : "*");
                    ResumingClient client = new ResumingClient(hub, selector, "seed-" + c);
                    clients.add(client);
                    threads.submit(client::run);
                }
                for (int i = 0; i < 300; i++) {
                    hub.publish(Update.of(i % 3 == 0 ? BLUE : RED, payload).withId("r" + round + "-" + i));
                }
            }
            for (ResumingClient client : clients) {
                long start = log.positionOf(client.startId).orElseThrow();
                List<String> expected = log.readAfter(start, Integer.MAX_VALUE).entries().stream()
                        .filter(entry -> entry.update().topics().stream().anyMatch(client.selector::matches))
                        .map(LogEntry::id)
                        .toList();
                Eventually.until(Eventually.DEFAULT, () -> client.received().size() >= expected.size(),
                        () -> expected.size() + " updates, got " + client.received().size());
                assertThat(client.received()).containsExactlyElementsOf(expected);
                assertThat(client.closes()).as("the only reason to cut a reader")
                        .allMatch(reason -> reason == CloseReason.SLOW_CONSUMER);
            }
            clients.forEach(client -> client.stop = true);
        } finally {
            clients.forEach(client -> client.stop = true);
            threads.shutdown();
            replayPool.shutdownNow();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).as("clients stopped").isTrue();
        }
    }

    /**
     * A client that reads as fast as its thread allows and, when the hub cuts it as a slow consumer, comes back
     * with the last id it got, as an EventSource would: across its connections it must see everything once.
     */
    private static final class ResumingClient {
        private final Hub hub;
        private final TopicSelector selector;
        private final String startId;
        private final List<String> fromEarlierConnections = new ArrayList<>();
        private final List<CloseReason> closes = new ArrayList<>();
        private RecordingSink current = new RecordingSink();
        private volatile boolean stop;

        ResumingClient(Hub hub, TopicSelector selector, String startId) {
            this.hub = hub;
            this.selector = selector;
            this.startId = startId;
        }

        void run() {
            String resumeId = startId;
            RecordingSink sink = current;
            while (!stop) {
                sink.subscribe(hub, SubscribeRequest.live(List.of(selector)).resumingAfter(resumeId));
                while (sink.closes().isEmpty()) {
                    if (stop) {
                        return;
                    }
                    sink.drain();
                    Thread.yield();
                }
                List<String> got = sink.ids();
                RecordingSink next = new RecordingSink();
                synchronized (this) {
                    closes.addAll(sink.closes());
                    fromEarlierConnections.addAll(got);
                    current = next;
                }
                resumeId = got.isEmpty() ? resumeId : got.get(got.size() - 1);
                sink = next;
            }
        }

        /** Why the hub ended this client's earlier connections. */
        synchronized List<CloseReason> closes() {
            return List.copyOf(closes);
        }

        synchronized List<String> received() {
            List<String> all = new ArrayList<>(fromEarlierConnections);
            all.addAll(current.ids());
            return all;
        }
    }
}

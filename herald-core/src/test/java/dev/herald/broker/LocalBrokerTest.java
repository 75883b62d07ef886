package dev.herald.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.hub.Eventually;
import dev.herald.hub.Update;
import dev.herald.log.LogEntry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalBrokerTest {

    private final LocalBroker broker = new LocalBroker();
    private final List<Long> delivered = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    private static LogEntry entry(long position) {
        return LogEntry.of(position, Update.of("t", "data " + position).withId("id-" + position));
    }

    @Test
    void deliversInPublishOrderOnOneThreadThatIsNotThePublisher() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        broker.start(entry -> {
            threads.add(Thread.currentThread());
            delivered.add(entry.position());
        });

        for (long p = 1; p <= 2_000; p++) {
            broker.publish(entry(p));
        }

        Eventually.until("2000 entries delivered", () -> delivered.size() == 2_000);
        assertThat(delivered).containsExactlyElementsOf(LongStream.rangeClosed(1, 2_000).boxed().toList());
        assertThat(threads).hasSize(1).doesNotContain(Thread.currentThread());
    }

    @Test
    void aThrowingListenerDoesNotStopDelivery() {
        broker.start(entry -> {
            delivered.add(entry.position());
            if (entry.position() % 2 == 0) {
                throw new IllegalStateException("listener failure on purpose (expected in this test's output)");
            }
        });

        for (long p = 1; p <= 5; p++) {
            broker.publish(entry(p));
        }

        Eventually.until("all 5 entries offered despite failures", () -> delivered.size() == 5);
        assertThat(delivered).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void backlogCountsEntriesWaitingForDispatch() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        broker.start(entry -> {
            awaitQuietly(release);
            delivered.add(entry.position());
        });
        assertThat(broker.backlog()).isZero();

        for (long p = 1; p <= 4; p++) {
            broker.publish(entry(p));
        }

        // The first is taken and held by the listener; three wait behind it.
        Eventually.until("backlog of 3 behind a blocked listener", () -> broker.backlog() == 3);
        release.countDown();
        Eventually.until("everything delivered", () -> delivered.size() == 4);
        assertThat(broker.backlog()).isZero();
    }

    @Test
    void closeStopsTheDispatchThreadAndFurtherDelivery() throws InterruptedException {
        AtomicReference<Thread> dispatcher = new AtomicReference<>();
        broker.start(entry -> {
            dispatcher.set(Thread.currentThread());
            delivered.add(entry.position());
        });
        broker.publish(entry(1));
        Eventually.until("first entry delivered", () -> delivered.size() == 1);

        broker.close();
        dispatcher.get().join(TimeUnit.SECONDS.toMillis(5));

        assertThat(dispatcher.get().isAlive()).as("dispatch thread alive after close").isFalse();
        broker.publish(entry(2));
        assertThat(broker.backlog()).isEqualTo(1);
        assertThat(delivered).containsExactly(1L);
    }

    @Test
    void startingTwiceIsRefused() {
        broker.start(entry -> { });

        assertThatThrownBy(() -> broker.start(entry -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already started");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.herald.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.hub.Eventually;
import dev.herald.hub.Update;
import dev.herald.log.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    void deliversInPublishOrderOneAtATimeFromConcurrentPublishers() throws InterruptedException {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        broker.start(entry -> {
            if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            delivered.add(entry.position());
            inside.decrementAndGet();
        });
        // Four publishers handing over in log order under one lock, then delivering outside it, as the hub does.
        Object publishLock = new Object();
        long[] next = {1};
        List<Thread> publishers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            publishers.add(started(() -> {
                for (int i = 0; i < 500; i++) {
                    synchronized (publishLock) {
                        broker.publish(entry(next[0]++));
                    }
                    broker.deliverOnPublisher();
                }
            }));
        }
        for (Thread publisher : publishers) {
            publisher.join(TimeUnit.SECONDS.toMillis(30));
        }

        Eventually.until("2000 entries delivered", () -> delivered.size() == 2_000);
        assertThat(delivered).containsExactlyElementsOf(LongStream.rangeClosed(1, 2_000).boxed().toList());
        assertThat(overlaps).as("deliveries that overlapped another").hasValue(0);
    }

    @Test
    void aPublisherDeliversItsOwnEntryWhenNoDeliveryIsInProgress() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        broker.start(entry -> {
            threads.add(Thread.currentThread());
            delivered.add(entry.position());
        });

        handOver(1);

        // Delivered before publish returned, on this thread: no hand-off to wake a thread for.
        assertThat(delivered).containsExactly(1L);
        assertThat(threads).containsExactly(Thread.currentThread());
    }

    @Test
    void aPublisherNeverWaitsForAnotherPublishersDelivery() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        broker.start(entry -> {
            threads.add(Thread.currentThread());
            if (entry.position() == 1) {
                entered.countDown();
                awaitQuietly(release);
            }
            delivered.add(entry.position());
        });
        Thread first = started(() -> handOver(1));
        assertThat(entered.await(10, TimeUnit.SECONDS)).as("the first publisher delivering").isTrue();

        // The first publisher is stuck in its delivery; these return at once and wait in the queue.
        CompletableFuture<Void> others = CompletableFuture.runAsync(() -> {
            for (long p = 2; p <= 4; p++) {
                handOver(p);
            }
        });
        others.get(10, TimeUnit.SECONDS);
        assertThat(broker.backlog()).isEqualTo(3);
        assertThat(delivered).isEmpty();

        release.countDown();
        first.join(TimeUnit.SECONDS.toMillis(10));
        Eventually.until("everything delivered", () -> delivered.size() == 4);
        assertThat(delivered).containsExactly(1L, 2L, 3L, 4L);
        assertThat(broker.backlog()).isZero();
        // The first publisher delivered its own entry only; what waited behind it went to the dispatch thread.
        assertThat(threads).hasSize(2).contains(first).noneMatch(t -> t == Thread.currentThread());
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
            handOver(p);
        }

        Eventually.until("all 5 entries offered despite failures", () -> delivered.size() == 5);
        assertThat(delivered).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void closeStopsTheDispatchThreadAndFurtherDelivery() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> dispatcher = new AtomicReference<>();
        broker.start(entry -> {
            if (entry.position() == 1) {
                entered.countDown();
                awaitQuietly(release);
            } else {
                dispatcher.set(Thread.currentThread());
            }
            delivered.add(entry.position());
        });
        // Entry 2 waits behind a delivery in progress, so the dispatch thread delivers it.
        Thread first = started(() -> handOver(1));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        handOver(2);
        release.countDown();
        first.join(TimeUnit.SECONDS.toMillis(10));
        Eventually.until("both entries delivered", () -> delivered.size() == 2);
        assertThat(dispatcher.get()).isNotNull().isNotEqualTo(first).isNotEqualTo(Thread.currentThread());

        broker.close();
        dispatcher.get().join(TimeUnit.SECONDS.toMillis(5));

        assertThat(dispatcher.get().isAlive()).as("dispatch thread alive after close").isFalse();
        handOver(3);
        assertThat(broker.backlog()).isEqualTo(1);
        assertThat(delivered).containsExactly(1L, 2L);
    }

    @Test
    void startingTwiceIsRefused() {
        broker.start(entry -> { });

        assertThatThrownBy(() -> broker.start(entry -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already started");
    }

    @Test
    void entriesOfACallerThatNeverDeliversAreDeliveredByTheDispatchThread() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        broker.start(entry -> {
            threads.add(Thread.currentThread());
            delivered.add(entry.position());
        });

        broker.publish(entry(1));
        broker.publish(entry(2));

        Eventually.until("both delivered without deliverOnPublisher", () -> delivered.size() == 2);
        assertThat(delivered).containsExactly(1L, 2L);
        assertThat(threads).hasSize(1).doesNotContain(Thread.currentThread());
    }

    /** Hands {@code position}'s entry over and delivers as the hub does (it would take its lock around the first call). */
    private void handOver(long position) {
        broker.publish(entry(position));
        broker.deliverOnPublisher();
    }

    private static Thread started(Runnable task) {
        Thread thread = new Thread(task, "test-publisher");
        thread.start();
        return thread;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

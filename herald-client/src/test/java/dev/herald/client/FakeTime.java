package dev.herald.client;

import dev.herald.client.internal.TimeSource;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to, and backoff waits that are recorded and return at once. */
final class FakeTime implements TimeSource {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final BlockingQueue<Duration> sleeps = new LinkedBlockingQueue<>();

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public boolean sleep(Duration duration, CountDownLatch wakeUp) {
        sleeps.add(duration);
        now.addAndGet(duration.toNanos());
        return wakeUp.getCount() == 0;
    }

    void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    /** The next backoff wait the source asked for, waiting up to 10 s for it to happen. */
    Duration nextSleep() throws InterruptedException {
        Duration sleep = sleeps.poll(10, TimeUnit.SECONDS);
        if (sleep == null) {
            throw new AssertionError("expected the source to wait before reconnecting, it did not");
        }
        return sleep;
    }
}

package dev.herald.client.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The event source's view of time: a monotonic clock and an interruptible wait. Tests swap it for a fake
 * that records the waits and returns at once, so backoff is tested without waiting.
 */
public interface TimeSource {

    /** The real clock and real waits. */
    TimeSource SYSTEM = new TimeSource() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public boolean sleep(Duration duration, CountDownLatch wakeUp) throws InterruptedException {
            return wakeUp.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        }
    };

    /** A monotonic time in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    /** Waits {@code duration} or until {@code wakeUp} reaches zero; true if woken up (the source is closing). */
    boolean sleep(Duration duration, CountDownLatch wakeUp) throws InterruptedException;
}

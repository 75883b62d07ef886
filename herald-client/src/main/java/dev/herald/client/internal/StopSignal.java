package dev.herald.client.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The "stop for good" flag of one event source, plus the one blocking operation in flight (a pending
 * request or an open body) that {@link #set()} must cut so the source's thread wakes up. Lock-free: the
 * flag is a latch (so a backoff wait can block on it) and the canceller an atomic reference; whichever of
 * {@link #set()} and {@link #track} comes second runs the canceller, so a stop is never missed.
 */
final class StopSignal {

    private final CountDownLatch latch = new CountDownLatch(1);
    private final AtomicReference<Runnable> canceller = new AtomicReference<>();

    /** True once the source must stop. */
    boolean isSet() {
        return latch.getCount() == 0;
    }

    /** The latch that reaches zero on stop, for waits that must end early. */
    CountDownLatch latch() {
        return latch;
    }

    /** Requests the stop and cuts the operation in flight; idempotent, any thread. */
    void set() {
        latch.countDown();
        Runnable cancel = canceller.get();
        if (cancel != null) {
            cancel.run();
        }
    }

    /** Registers how to cut the operation now in flight; runs it at once if the stop was already requested. */
    void track(Runnable cancel) {
        canceller.set(cancel);
        if (isSet()) {
            cancel.run();
        }
    }
}

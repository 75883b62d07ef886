package dev.herald.redis.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter between reconnection attempts, so that nodes that lost Redis
 * together do not come back as one herd. Not thread-safe: one per retrying loop.
 */
public final class Backoff {

    private final long minMillis;
    private final long maxMillis;
    private long ceiling;

    /** Delays from about {@code minMillis}, doubling per failure, capped at {@code maxMillis}. */
    public Backoff(long minMillis, long maxMillis) {
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.ceiling = minMillis;
    }

    /** The delay before the next attempt; each call doubles the ceiling. */
    public long nextDelayMillis() {
        long delay = minMillis + ThreadLocalRandom.current().nextLong(ceiling - minMillis + 1);
        ceiling = Math.min(maxMillis, ceiling * 2);
        return delay;
    }

    /** Back to the shortest delay after a success. */
    public void reset() {
        ceiling = minMillis;
    }
}

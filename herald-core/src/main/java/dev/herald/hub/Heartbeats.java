package dev.herald.hub;

import java.util.concurrent.TimeUnit;

/**
 * One shared sweep that writes a comment to every subscription idle for the heartbeat interval, so proxies
 * and clients see traffic on quiet streams. No per-connection timers: the owner calls {@link #sweep()}
 * every {@link #sweepPeriodMillis()}, a quarter of the interval, so no stream is silent much longer than
 * the interval.
 */
public final class Heartbeats {

    private final Hub hub;
    private final long intervalNanos;

    /** Heartbeats for {@code hub} every {@code intervalMillis} of idleness; it must be positive. */
    public Heartbeats(Hub hub, long intervalMillis) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("heartbeat interval must be > 0 ms, got " + intervalMillis);
        }
        this.hub = hub;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
    }

    /** How often the owner should call {@link #sweep()}. */
    public long sweepPeriodMillis() {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(intervalNanos) / 4);
    }

    /** Queues a heartbeat comment on every subscription idle for at least the interval; returns how many. */
    public int sweep() {
        long now = hub.nanoTime();
        int sent = 0;
        for (Subscription subscription : hub.subscriptions()) {
            if (now - subscription.lastActivityNanos() >= intervalNanos && subscription.offerHeartbeat(now, intervalNanos)) {
                sent++;
            }
        }
        return sent;
    }
}

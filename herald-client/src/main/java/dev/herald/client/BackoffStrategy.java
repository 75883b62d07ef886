package dev.herald.client;

import dev.herald.client.internal.ConstantBackoff;
import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait before each reconnection. A strategy is an immutable value: {@link #next} answers the
 * delay for this attempt together with the strategy for the attempt after it, so a strategy carries its
 * own count of failures and can be shared freely. The event source goes back to the strategy it was built
 * with after a connection stayed healthy long enough ({@link EventSourceBuilder#resetBackoffAfter}).
 */
public interface BackoffStrategy {

    /**
     * The delay before the next attempt, given the reconnection time in force ({@code baseDelay}: the
     * server's last {@code retry:} or the configured default), and the strategy for the attempt after it.
     */
    Step next(Duration baseDelay);

    /**
     * One answer of a strategy.
     *
     * @param delay how long to wait before reconnecting, never negative
     * @param next the strategy to ask for the following attempt
     */
    record Step(Duration delay, BackoffStrategy next) {
        public Step {
            Objects.requireNonNull(next, "next");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must be >= 0, got " + delay);
            }
        }
    }

    /** Exponential growth with jitter and a cap: the default ({@link ExponentialBackoff#defaults()}). */
    static BackoffStrategy exponential() {
        return ExponentialBackoff.defaults();
    }

    /** Always exactly the reconnection time, as a browser does: no growth, no jitter. */
    static BackoffStrategy constant() {
        return ConstantBackoff.INSTANCE;
    }
}

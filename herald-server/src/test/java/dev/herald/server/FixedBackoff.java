package dev.herald.server;

import dev.herald.client.BackoffStrategy;
import java.time.Duration;

/**
 * Reconnects after the same short delay whatever the server's {@code retry:} says, so tests that cut or
 * restart the server do not wait out production-sized delays.
 *
 * @param delay the wait before every reconnection
 */
record FixedBackoff(Duration delay) implements BackoffStrategy {

    /** 100 ms. */
    static FixedBackoff quick() {
        return new FixedBackoff(Duration.ofMillis(100));
    }

    @Override
    public Step next(Duration baseDelay) {
        return new Step(delay, this);
    }
}

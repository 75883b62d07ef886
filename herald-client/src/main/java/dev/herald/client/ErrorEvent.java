package dev.herald.client;

import java.time.Duration;
import java.util.Objects;

/**
 * A connection failed or ended.
 *
 * @param failure what went wrong
 * @param retryDelay how long the source waits before reconnecting, or null when it stops for good
 */
public record ErrorEvent(EventSourceException failure, Duration retryDelay) {

    public ErrorEvent {
        Objects.requireNonNull(failure, "failure");
    }

    /** True when the source will reconnect after {@link #retryDelay()}; false when it stops for good. */
    public boolean willRetry() {
        return retryDelay != null;
    }
}

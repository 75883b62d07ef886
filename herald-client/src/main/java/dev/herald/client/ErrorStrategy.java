package dev.herald.client;

import dev.herald.client.internal.RetryTransientErrors;
import dev.herald.client.internal.SpecErrorStrategy;
import java.util.Objects;

/**
 * Whether a failed connection is retried. Like {@link BackoffStrategy}, a strategy is an immutable value
 * returning its successor, so it can count consecutive failures; the event source goes back to the
 * strategy it was built with each time a connection opens. Whatever the strategy says, a {@code 204} answer
 * always ends the source (the server asked to stop) and {@link EventSource#close()} always wins.
 */
public interface ErrorStrategy {

    /** Whether to retry after {@code failure}, and the strategy to ask about the next failure. */
    Decision decide(EventSourceException failure);

    /**
     * One answer of a strategy.
     *
     * @param retry true to reconnect after the backoff delay, false to close the source for good
     * @param next the strategy to ask about the next failure
     */
    record Decision(boolean retry, ErrorStrategy next) {
        public Decision {
            Objects.requireNonNull(next, "next");
        }
    }

    /**
     * The WHATWG rule, the default: lost connections (refused, reset, ended, timed out) are retried; any
     * status other than 200 and any content type other than {@code text/event-stream} end the source.
     */
    static ErrorStrategy specCompliant() {
        return SpecErrorStrategy.INSTANCE;
    }

    /**
     * The spec's rule, but also retrying 429, 502, 503 and 504 (overload and restarts behind a proxy) up to
     * {@code maxConsecutive} times in a row before giving up.
     */
    static ErrorStrategy retryTransientHttpErrors(int maxConsecutive) {
        if (maxConsecutive < 0) {
            throw new IllegalArgumentException("maxConsecutive must be >= 0, got " + maxConsecutive);
        }
        return new RetryTransientErrors(maxConsecutive);
    }
}

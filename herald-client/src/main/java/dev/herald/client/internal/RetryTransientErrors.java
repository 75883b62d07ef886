package dev.herald.client.internal;

import dev.herald.client.ErrorStrategy;
import dev.herald.client.EventSourceException;
import dev.herald.client.HttpStatusException;
import java.util.Set;

/**
 * The spec's rule plus retrying overload and restart statuses, at most {@code remaining} more times in a row.
 *
 * @param remaining how many more transient HTTP failures in a row are retried
 */
public record RetryTransientErrors(int remaining) implements ErrorStrategy {

    /** Statuses a proxy or an overloaded server answers while it recovers: worth another try. */
    private static final Set<Integer> TRANSIENT = Set.of(429, 502, 503, 504);

    @Override
    public Decision decide(EventSourceException failure) {
        if (failure instanceof HttpStatusException h && TRANSIENT.contains(h.status())) {
            return new Decision(remaining > 0, new RetryTransientErrors(Math.max(0, remaining - 1)));
        }
        return new Decision(SpecErrorStrategy.INSTANCE.decide(failure).retry(), this);
    }
}

package dev.herald.server.cli;

import dev.herald.client.ConnectionLostException;
import dev.herald.client.ErrorStrategy;
import dev.herald.client.EventSourceException;
import dev.herald.client.HttpStatusException;
import java.util.Set;

/**
 * When {@code herald listen} reconnects: after lost connections (refused, reset, ended, silent past the read
 * timeout) and after the statuses a restarting or overloaded server answers, at most {@code remaining} times
 * in a row. The event source starts over from the full count each time a connection opens, so a listener
 * rides out any number of server restarts but gives up on a server that stays away.
 *
 * @param remaining how many more failures in a row are retried
 */
record ListenRetryPolicy(int remaining) implements ErrorStrategy {

    /** Statuses a proxy or a server answers while it restarts or sheds load: worth another try. */
    private static final Set<Integer> TRANSIENT = Set.of(429, 502, 503, 504);

    ListenRetryPolicy {
        if (remaining < 0) {
            throw new IllegalArgumentException("--max-retries must be >= 0, got " + remaining);
        }
    }

    @Override
    public Decision decide(EventSourceException failure) {
        boolean retryable = failure instanceof ConnectionLostException
                || failure instanceof HttpStatusException status && TRANSIENT.contains(status.status());
        return new Decision(retryable && remaining > 0, new ListenRetryPolicy(Math.max(0, remaining - 1)));
    }
}

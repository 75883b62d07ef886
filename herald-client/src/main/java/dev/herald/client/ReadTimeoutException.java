package dev.herald.client;

import java.time.Duration;

/**
 * No byte arrived within the read timeout, not even a heartbeat comment: the connection is presumed dead
 * (typically a proxy or NAT dropped it silently), so the event source drops it and reconnects.
 */
public final class ReadTimeoutException extends ConnectionLostException {

    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    /** A read that waited {@code timeout} without a byte from {@code what} (a URI or a description). */
    public ReadTimeoutException(Object what, Duration timeout) {
        super("no byte from " + what + " within " + timeout.toMillis() + " ms, not even a heartbeat;"
                + " the connection is presumed dead and will be replaced", null);
        this.timeout = timeout;
    }

    /** The read timeout that expired. */
    public Duration timeout() {
        return timeout;
    }
}

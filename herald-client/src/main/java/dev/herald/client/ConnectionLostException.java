package dev.herald.client;

/**
 * The connection could not be made or broke: refused, reset, ended by the server, or timed out. Per the
 * WHATWG spec such failures are retried: the event source reconnects with {@code Last-Event-ID}.
 */
public class ConnectionLostException extends EventSourceException {

    private static final long serialVersionUID = 1L;

    /** A lost connection described by {@code message}, caused by {@code cause} (null when the server just ended it). */
    public ConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.herald.client;

/**
 * Why an {@link EventSource} connection failed. Subclasses carry the data of each kind of failure (status
 * and headers, content type, timeout, the I/O cause); the message says what happened and what to do.
 */
public abstract class EventSourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}, caused by {@code cause} (may be null). */
    protected EventSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}

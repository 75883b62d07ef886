package dev.herald.client;

/** The state of an {@link EventSource}, as the WHATWG {@code readyState} attribute defines it. */
public enum ReadyState {
    /** Connecting, or waiting to reconnect after a lost connection. */
    CONNECTING,
    /** Connected: the server answered 200 with {@code text/event-stream} and events may arrive. */
    OPEN,
    /** Closed for good, by {@link EventSource#close()} or by a failure that is not retried. */
    CLOSED
}

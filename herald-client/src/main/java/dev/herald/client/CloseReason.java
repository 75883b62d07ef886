package dev.herald.client;

import java.util.Objects;

/**
 * Why an {@link EventSource} closed for good.
 *
 * @param kind who ended it
 * @param failure the failure that ended it; null for {@link Kind#CLOSED_BY_CLIENT}, the 204 answer for
 *     {@link Kind#STOPPED_BY_SERVER}
 */
public record CloseReason(Kind kind, EventSourceException failure) {

    /** Who ended an event source. */
    public enum Kind {
        /** {@link EventSource#close()} was called (or the source's thread was interrupted). */
        CLOSED_BY_CLIENT,
        /** The server answered {@code 204 No Content}: the spec's "stop reconnecting", no error. */
        STOPPED_BY_SERVER,
        /** A failure that is not retried: a status other than 200, a wrong content type, or the strategy gave up. */
        FAILED
    }

    public CloseReason {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.CLOSED_BY_CLIENT) != (failure == null)) {
            throw new IllegalArgumentException("failure must be null exactly when kind is CLOSED_BY_CLIENT, got "
                    + kind + " with " + failure);
        }
    }

    /** The reason for a source closed by its user. */
    public static CloseReason closedByClient() {
        return new CloseReason(Kind.CLOSED_BY_CLIENT, null);
    }

    /** The reason for a source ended by {@code failure}: a 204 stop request, or a fatal failure. */
    public static CloseReason endedBy(EventSourceException failure) {
        boolean stop = failure instanceof HttpStatusException h && h.isStopRequest();
        return new CloseReason(stop ? Kind.STOPPED_BY_SERVER : Kind.FAILED, failure);
    }
}

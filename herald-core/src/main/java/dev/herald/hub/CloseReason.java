package dev.herald.hub;

/** Why a subscription ended. */
public enum CloseReason {
    /** The client went away or the transport failed. */
    CLIENT_GONE,
    /** The client read slower than updates arrived and its outbound budget ran out; it may resume with Last-Event-ID. */
    SLOW_CONSUMER,
    /** The hub is shutting down; the client should reconnect, possibly to another node. */
    SHUTDOWN,
    /** The log could not be read for the subscriber's history (storage unreachable); it should resume later with Last-Event-ID. */
    LOG_UNAVAILABLE,
    /** The subscriber's authorization ended (for example its token expired). */
    UNAUTHORIZED
}

package dev.herald.sse;

/**
 * Receives what an {@link SseParser} finds in an event stream, on the thread that feeds the parser and in
 * stream order.
 *
 * <p>An exception thrown by a callback propagates out of {@link SseParser#feed(byte[])}, and the parser
 * then refuses input until {@link SseParser#end()}. A callback must not call back into its parser.
 */
public interface SseListener {

    /** Called for every dispatched event, that is every event ended by a blank line that carried data. */
    void onEvent(MessageEvent event);

    /**
     * Called when a {@code retry:} field holds a valid reconnection time: ASCII digits only, not empty, and
     * small enough for a {@code long}. A client should wait this many milliseconds before reconnecting.
     */
    default void onRetry(long millis) {
    }

    /**
     * Called for every comment line (one starting with {@code :}) with the text after the colon, with
     * exactly one leading space removed if present, the same rule as for field values. Servers send
     * comments as heartbeats; browsers ignore them.
     */
    default void onComment(String comment) {
    }
}

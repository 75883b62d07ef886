package dev.herald.hub;

/**
 * The transport side of a subscription: the hub tells it when bytes are waiting and when the
 * subscription ended; the transport then pulls the bytes with {@link Subscription#poll(int)}.
 *
 * <p>Both methods may be called from any thread, with no hub lock held; they must return quickly and
 * never block (schedule the work on the connection's own thread instead).
 */
public interface SubscriptionSink {

    /**
     * Bytes are waiting: the outbox went from empty to non-empty. It is not called again until a poll has
     * emptied it, so the transport keeps polling until {@link Subscription#poll(int)} returns null.
     */
    void onReady();

    /** The hub ended the subscription for {@code reason}; bytes still queued should be written, then the stream ended. */
    void onClosed(CloseReason reason);
}

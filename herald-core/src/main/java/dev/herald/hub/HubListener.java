package dev.herald.hub;

import dev.herald.log.LogEntry;

/**
 * What a {@link Hub} reports as it works, for metrics; every method has a no-op default, so an implementation
 * overrides only what it counts.
 *
 * <p>Calls come from the publishing thread, the thread the broker delivers on (the publisher's or its own), replay threads and transport threads,
 * with no hub lock held. They sit on the hot path: an implementation must be thread-safe, must not block, and
 * should do no more than bump a counter. The hub calls them once per update or per subscription event, never once
 * per subscriber of an update.
 */
public interface HubListener {

    /** The listener that ignores everything. */
    HubListener NONE = new HubListener() { };

    /** An update published through this hub was logged ({@code entry}; a retried duplicate is not reported). */
    default void published(LogEntry entry) {
    }

    /**
     * The delivering thread fanned {@code entry} out: its bytes were queued, live, to {@code deliveries} subscriptions
     * of this node (subscriptions still catching up get it later, reported by {@link #bufferedDelivered}).
     */
    default void dispatched(LogEntry entry, int deliveries) {
    }

    /** Live updates held while a subscription caught up with history were queued to it, {@code count} of them. */
    default void bufferedDelivered(int count) {
    }

    /** A subscription opened; {@code resuming} when it asked to resume after a {@code Last-Event-ID}. */
    default void subscribed(Subscription subscription, boolean resuming) {
    }

    /** Replay queued {@code count} updates from the log's history to a resuming subscription. */
    default void replayed(int count) {
    }

    /**
     * A resuming subscription asked for history the log no longer holds (an unknown or trimmed
     * {@code Last-Event-ID}) and was told so with a {@link Subscription#HISTORY_GAP_EVENT}.
     */
    default void historyGap() {
    }

    /** A subscription ended for {@code reason}; called once per subscription. */
    default void closed(Subscription subscription, CloseReason reason) {
    }
}

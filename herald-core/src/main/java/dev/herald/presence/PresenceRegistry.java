package dev.herald.presence;

import java.util.List;

/**
 * Who is subscribed to what, for the Mercure subscriptions API. One node keeps its own view in memory
 * ({@link MemoryPresenceRegistry}); a cluster implementation ({@code RedisPresenceRegistry}) shares every
 * node's entries, so any node lists the subscribers of all.
 *
 * <p>Implementations are thread-safe. {@link #join} and {@link #leave} never block (they run on event loops);
 * {@link #list()} and {@link #refresh()} may do network I/O and throw
 * {@link dev.herald.cluster.NodeDirectoryUnavailableException} while the shared store is unreachable.
 * {@link #list()} returns a snapshot whose size is bounded by the open subscriptions (entries leave when
 * their subscriber does, or when their node stops refreshing them).
 */
public interface PresenceRegistry extends AutoCloseable {

    /** Records that {@code presence} started. */
    void join(SubscriberPresence presence);

    /** Records that {@code presence} ended; unknown entries are ignored. */
    void leave(SubscriberPresence presence);

    /** Every current presence, in no particular order. */
    List<SubscriberPresence> list();

    /**
     * Keeps this node's entries alive in a shared store and repairs them after the store lost them; called
     * periodically, off the event loop. Nothing to do for a registry of one node.
     */
    default void refresh() {
    }

    /** Withdraws this node's entries from a shared store and releases its resources. */
    @Override
    default void close() {
    }
}

package dev.herald.presence;

import java.util.List;

/**
 * Who is subscribed to what, for the Mercure subscriptions API. One node keeps its own view in memory
 * ({@link MemoryPresenceRegistry}); a cluster implementation shares it between nodes.
 *
 * <p>Implementations are thread-safe; {@link #list()} returns a snapshot whose size is bounded by the open
 * subscriptions (entries leave when their subscriber does).
 */
public interface PresenceRegistry {

    /** Records that {@code presence} started. */
    void join(SubscriberPresence presence);

    /** Records that {@code presence} ended; unknown entries are ignored. */
    void leave(SubscriberPresence presence);

    /** Every current presence, in no particular order. */
    List<SubscriberPresence> list();
}

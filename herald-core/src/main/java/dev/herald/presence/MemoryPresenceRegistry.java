package dev.herald.presence;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The presence of this node's own subscribers, in memory. Thread-safe. */
public final class MemoryPresenceRegistry implements PresenceRegistry {

    private final Set<SubscriberPresence> entries = ConcurrentHashMap.newKeySet();

    @Override
    public void join(SubscriberPresence presence) {
        entries.add(presence);
    }

    @Override
    public void leave(SubscriberPresence presence) {
        entries.remove(presence);
    }

    @Override
    public List<SubscriberPresence> list() {
        return List.copyOf(entries);
    }
}

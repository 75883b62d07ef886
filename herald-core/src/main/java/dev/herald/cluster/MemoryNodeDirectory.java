package dev.herald.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A {@link NodeDirectory} in this process's memory: what a single node uses, and what nodes embedded in one
 * process can share. Thread-safe; expiry follows the injected clock, so tests move time instead of waiting.
 */
public final class MemoryNodeDirectory implements NodeDirectory {

    private record Entry(NodeCounts counts, long expiresAtNanos) {
    }

    private final Duration ttl;
    private final LongSupplier nanoClock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** A directory whose entries live {@code ttl}, timed by {@code nanoClock} ({@code System::nanoTime} outside tests). */
    public MemoryNodeDirectory(Duration ttl, LongSupplier nanoClock) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the node entry time-to-live must be positive, got " + ttl);
        }
        this.ttl = ttl;
        this.nanoClock = nanoClock;
    }

    @Override
    public Duration ttl() {
        return ttl;
    }

    @Override
    public void record(NodeCounts counts) {
        entries.put(counts.nodeId(), new Entry(counts, nanoClock.getAsLong() + ttl.toNanos()));
    }

    @Override
    public List<NodeCounts> live() {
        long now = nanoClock.getAsLong();
        // Expired entries are dropped here, so a directory of nodes that came and went stays small.
        entries.values().removeIf(entry -> now - entry.expiresAtNanos() >= 0);
        List<NodeCounts> live = new ArrayList<>();
        entries.values().forEach(entry -> live.add(entry.counts()));
        return live;
    }

    @Override
    public void remove(String nodeId) {
        entries.remove(nodeId);
    }

    /** Nothing to release: the entries belong to every node sharing this directory. */
    @Override
    public void close() {
    }
}

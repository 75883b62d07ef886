package dev.herald.log;

import dev.herald.hub.Update;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * An {@link EventLog} held in memory, bounded by entry count and by encoded bytes; the oldest entries go
 * first. Positions are contiguous from 1, so a read finds its start by arithmetic.
 *
 * <p>Both bounds protect the heap from a publisher that sends faster or bigger than subscribers replay.
 * Thread-safe: one monitor guards the ring; reads copy out at most one page while holding it.
 */
public final class MemoryEventLog implements EventLog {

    /** Entry count kept when none is configured. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    /** Encoded bytes kept when none is configured. */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    private final int maxEntries;
    private final long maxBytes;
    private final LogEntry[] ring;
    private final Map<String, Long> positionsById = new HashMap<>();
    private long firstPosition = 1;
    private long nextPosition = 1;
    private long bytes;
    private boolean closed;

    /** A log with the default bounds. */
    public MemoryEventLog() {
        this(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_BYTES);
    }

    /** A log that keeps at most {@code maxEntries} entries and {@code maxBytes} encoded bytes. */
    public MemoryEventLog(int maxEntries, long maxBytes) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("history size must be >= 1 entry, got " + maxEntries);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("history bytes must be >= 1, got " + maxBytes);
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.ring = new LogEntry[maxEntries];
    }

    @Override
    public synchronized AppendResult append(Update update) {
        if (closed) {
            throw new LogUnavailableException("the event log is closed (the hub is shutting down); publish again later");
        }
        Long retained = positionsById.get(update.id());
        if (retained != null) {
            return AppendResult.duplicateOf(ring[slot(retained)]);
        }
        LogEntry entry = LogEntry.of(nextPosition, update);
        while (size() >= maxEntries || (size() > 0 && bytes + entry.wire().length > maxBytes)) {
            trimOldest();
        }
        ring[slot(nextPosition)] = entry;
        nextPosition++;
        bytes += entry.wire().length;
        positionsById.put(update.id(), entry.position());
        return AppendResult.appended(entry);
    }

    @Override
    public synchronized ReadResult readAfter(long position, int max) {
        long start = Math.max(position + 1, firstPosition);
        boolean truncated = position + 1 < firstPosition;
        int count = (int) Math.max(0, Math.min(max, nextPosition - start));
        List<LogEntry> page = new ArrayList<>(count);
        for (long p = start; p < start + count; p++) {
            page.add(ring[slot(p)]);
        }
        return new ReadResult(page, truncated);
    }

    @Override
    public synchronized OptionalLong positionOf(String id) {
        Long position = positionsById.get(id);
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }

    @Override
    public synchronized long headPosition() {
        return nextPosition - 1;
    }

    /** The number of entries retained. */
    public synchronized int size() {
        return (int) (nextPosition - firstPosition);
    }

    /** The encoded bytes retained. */
    public synchronized long bytes() {
        return bytes;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private void trimOldest() {
        int slot = slot(firstPosition);
        LogEntry oldest = ring[slot];
        ring[slot] = null;
        bytes -= oldest.wire().length;
        positionsById.remove(oldest.id(), oldest.position());
        firstPosition++;
    }

    private int slot(long position) {
        return (int) (position % maxEntries);
    }
}

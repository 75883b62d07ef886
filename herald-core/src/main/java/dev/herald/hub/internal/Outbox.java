package dev.herald.hub.internal;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One subscriber's encoded events waiting to be written, counted in bytes.
 *
 * <p>An event added with a conflation key <em>supersedes</em> the unsent event of the same key: the older one
 * is dropped and the newer one joins the back of the queue. What is sent therefore stays in log order (so a
 * client's last id always marks everything before it as seen or superseded), and a reader that falls behind
 * holds at most one event per key instead of a growing backlog.
 *
 * <p>Not thread-safe: the owning subscription's monitor guards it.
 */
public final class Outbox {

    /** Superseded events are unlinked lazily; past this many (and half the queue) they are swept out at once. */
    private static final int SWEEP_THRESHOLD = 64;

    /** A keyed event; its bytes become null when a newer event of its key supersedes it. */
    private static final class Keyed {
        byte[] bytes;
        final String key;

        Keyed(byte[] bytes, String key) {
            this.bytes = bytes;
            this.key = key;
        }
    }

    /** The empty queue every outbox starts with, shared: never added to ({@link #add} replaces it first). */
    private static final ArrayDeque<Object> NONE = new ArrayDeque<>(0);

    /**
     * Unkeyed events as their {@code byte[]} (the common case allocates nothing), keyed ones as {@link Keyed}.
     * Both collections are made on first use: most subscribers idle most of the time, and at tens of thousands
     * of them an empty deque and map each would be a measurable part of the memory per connection.
     */
    private ArrayDeque<Object> queue = NONE;
    private Map<String, Keyed> unsentByKey;
    private long bytes;
    private int superseded;

    /** True when no event waits. */
    public boolean isEmpty() {
        return queue.size() == superseded;
    }

    /** The bytes waiting. */
    public long bytes() {
        return bytes;
    }

    /** The bytes that would wait after {@link #add(byte[], String) adding} {@code event} under {@code key}. */
    public long bytesAfterAdding(byte[] event, String key) {
        Keyed older = key == null || unsentByKey == null ? null : unsentByKey.get(key);
        return bytes + event.length - (older == null ? 0 : older.bytes.length);
    }

    /** Queues {@code event} at the back; a non-null {@code key} drops the unsent event queued under the same key. */
    public void add(byte[] event, String key) {
        bytes += event.length;
        if (queue == NONE) {
            queue = new ArrayDeque<>();
        }
        if (key == null) {
            queue.add(event);
            return;
        }
        Keyed keyed = new Keyed(event, key);
        if (unsentByKey == null) {
            unsentByKey = new HashMap<>();
        }
        Keyed older = unsentByKey.put(key, keyed);
        if (older != null) {
            bytes -= older.bytes.length;
            older.bytes = null;
            superseded++;
            sweepIfWasteful();
        }
        queue.add(keyed);
    }

    /**
     * Moves the waiting events from the front, in order, into {@code into}, up to about {@code maxBytes} (at least
     * one whole event); returns how many it moved, 0 when none wait. The arrays are the ones added, not copies: a
     * broadcast's bytes stay one array however many subscribers write them.
     */
    public int take(int maxBytes, List<byte[]> into) {
        int total = 0;
        int count = 0;
        while (!queue.isEmpty()) {
            Object element = queue.peek();
            byte[] event = bytesOf(element);
            if (event == null) {
                queue.poll();
                superseded--;
                continue;
            }
            if (count > 0 && total + event.length > maxBytes) {
                break;
            }
            queue.poll();
            if (element instanceof Keyed keyed) {
                unsentByKey.remove(keyed.key, keyed);
            }
            into.add(event);
            total += event.length;
            count++;
            if (total >= maxBytes) {
                break;
            }
        }
        bytes -= total;
        return count;
    }

    /** Drops everything waiting. */
    public void clear() {
        queue = NONE;
        unsentByKey = null;
        bytes = 0;
        superseded = 0;
    }

    private static byte[] bytesOf(Object element) {
        return element instanceof Keyed keyed ? keyed.bytes : (byte[]) element;
    }

    private void sweepIfWasteful() {
        if (superseded > SWEEP_THRESHOLD && superseded * 2 > queue.size()) {
            ArrayDeque<Object> live = new ArrayDeque<>(queue.size() - superseded);
            for (Object element : queue) {
                if (bytesOf(element) != null) {
                    live.add(element);
                }
            }
            queue = live;
            superseded = 0;
        }
    }
}

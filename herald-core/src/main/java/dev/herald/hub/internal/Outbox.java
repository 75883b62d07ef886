package dev.herald.hub.internal;

import java.util.ArrayDeque;
import java.util.HashMap;
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
     * Takes the waiting events from the front, concatenated, up to about {@code maxBytes} (at least one whole
     * event), or null when none wait.
     */
    public byte[] take(int maxBytes) {
        int total = 0;
        int count = 0;
        for (Object element : queue) {
            byte[] event = bytesOf(element);
            if (event == null) {
                continue;
            }
            if (count > 0 && total + event.length > maxBytes) {
                break;
            }
            total += event.length;
            count++;
            if (total >= maxBytes) {
                break;
            }
        }
        if (count == 0) {
            return null;
        }
        byte[] out = count == 1 ? null : new byte[total];
        int offset = 0;
        for (int taken = 0; taken < count; ) {
            Object element = queue.poll();
            byte[] event = bytesOf(element);
            if (event == null) {
                superseded--;
                continue;
            }
            if (element instanceof Keyed keyed) {
                unsentByKey.remove(keyed.key, keyed);
            }
            if (out == null) {
                out = event;
            } else {
                System.arraycopy(event, 0, out, offset, event.length);
            }
            offset += event.length;
            taken++;
        }
        bytes -= total;
        return out;
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

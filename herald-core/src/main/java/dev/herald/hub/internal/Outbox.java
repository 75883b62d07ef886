package dev.herald.hub.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
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

    /** Superseded slots are unlinked lazily; past this many (and half the queue) they are swept out at once. */
    private static final int SWEEP_THRESHOLD = 64;

    private static final class Slot {
        byte[] bytes;
        final String key;

        Slot(byte[] bytes, String key) {
            this.bytes = bytes;
            this.key = key;
        }
    }

    private ArrayDeque<Slot> slots = new ArrayDeque<>();
    private final Map<String, Slot> unsentByKey = new HashMap<>();
    private long bytes;
    private int superseded;

    /** True when no event waits. */
    public boolean isEmpty() {
        return slots.size() == superseded;
    }

    /** The bytes waiting. */
    public long bytes() {
        return bytes;
    }

    /** The bytes that would wait after {@link #add(byte[], String) adding} {@code event} under {@code key}. */
    public long bytesAfterAdding(byte[] event, String key) {
        Slot older = key == null ? null : unsentByKey.get(key);
        return bytes + event.length - (older == null ? 0 : older.bytes.length);
    }

    /** Queues {@code event} at the back; a non-null {@code key} drops the unsent event queued under the same key. */
    public void add(byte[] event, String key) {
        Slot slot = new Slot(event, key);
        if (key != null) {
            Slot older = unsentByKey.put(key, slot);
            if (older != null) {
                bytes -= older.bytes.length;
                older.bytes = null;
                superseded++;
                sweepIfWasteful();
            }
        }
        slots.add(slot);
        bytes += event.length;
    }

    /**
     * Takes the waiting events from the front, concatenated, up to about {@code maxBytes} (at least one whole
     * event), or null when none wait.
     */
    public byte[] take(int maxBytes) {
        List<byte[]> taken = new ArrayList<>();
        int total = 0;
        while (!slots.isEmpty()) {
            Slot head = slots.peek();
            if (head.bytes == null) {
                slots.poll();
                superseded--;
                continue;
            }
            if (!taken.isEmpty() && total + head.bytes.length > maxBytes) {
                break;
            }
            slots.poll();
            if (head.key != null) {
                unsentByKey.remove(head.key, head);
            }
            taken.add(head.bytes);
            total += head.bytes.length;
            if (total >= maxBytes) {
                break;
            }
        }
        bytes -= total;
        return join(taken, total);
    }

    /** Drops everything waiting. */
    public void clear() {
        slots.clear();
        unsentByKey.clear();
        bytes = 0;
        superseded = 0;
    }

    private void sweepIfWasteful() {
        if (superseded > SWEEP_THRESHOLD && superseded * 2 > slots.size()) {
            ArrayDeque<Slot> live = new ArrayDeque<>(slots.size() - superseded);
            for (Slot slot : slots) {
                if (slot.bytes != null) {
                    live.add(slot);
                }
            }
            slots = live;
            superseded = 0;
        }
    }

    private static byte[] join(List<byte[]> chunks, int total) {
        if (chunks.isEmpty()) {
            return null;
        }
        if (chunks.size() == 1) {
            return chunks.get(0);
        }
        byte[] out = new byte[total];
        int offset = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, out, offset, chunk.length);
            offset += chunk.length;
        }
        return out;
    }
}

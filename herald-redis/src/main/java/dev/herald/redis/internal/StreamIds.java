package dev.herald.redis.internal;

/**
 * Maps Redis stream ids ({@code ms-seq}) to the hub's {@code long} positions and back: {@code ms * 2^20 + seq}.
 * The append script keeps {@code seq} below 2^20, so the mapping is exact and order-preserving until the
 * year 2248 (ms below 2^43).
 */
public final class StreamIds {

    /** Bits of a position that hold the sequence within one millisecond. */
    public static final int SEQ_BITS = 20;
    private static final long SEQ_MASK = (1L << SEQ_BITS) - 1;

    private StreamIds() {
    }

    /** The position of stream id {@code id}. */
    public static long position(String id) {
        int dash = id.indexOf('-');
        if (dash <= 0) {
            throw new IllegalArgumentException("not a stream id: " + id);
        }
        long ms = Long.parseLong(id, 0, dash, 10);
        long seq = Long.parseLong(id, dash + 1, id.length(), 10);
        if (seq > SEQ_MASK || ms >= 1L << (63 - SEQ_BITS)) {
            throw new IllegalArgumentException("stream id " + id + " was not written by Herald (sequence over 2^20)");
        }
        return ms << SEQ_BITS | seq;
    }

    /** The stream id of {@code position}. */
    public static String id(long position) {
        return (position >>> SEQ_BITS) + "-" + (position & SEQ_MASK);
    }

    /** The millisecond part of {@code position}. */
    public static long millis(long position) {
        return position >>> SEQ_BITS;
    }

    /** The sequence part of {@code position}. */
    public static long sequence(long position) {
        return position & SEQ_MASK;
    }

    /** The XRANGE start that excludes {@code position}: everything after it ({@code -} for position 0). */
    public static String after(long position) {
        return position <= 0 ? "-" : "(" + id(position);
    }
}

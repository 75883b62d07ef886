package dev.herald.server.internal.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.vertx.core.Context;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * HTTP/1.1 chunks of the event bytes one event loop wrote last, framed once and shared by its streams.
 *
 * <p>A broadcast hands every subscriber the same {@code byte[]} (the log entry's wire form), so the thousand
 * streams of an event loop would otherwise each get a chunk header allocated, the bytes copied from the heap
 * into a direct buffer, and the trailing CRLF written: here the first stream's write builds one direct
 * buffer holding the whole chunk, and the others write a duplicate of it (a reference count, no copy).
 * Arrays are matched by identity in a small direct-mapped table; an array seen once (a replayed entry) costs
 * what the encoder's own framing would. A stream that fell behind writes what waits as one chunk of its own.
 *
 * <p>Threads: the owning event loop only.
 */
final class ChunkFrames {

    private static final String KEY = ChunkFrames.class.getName();
    private static final int SLOTS = 64;
    /** Larger events are framed per write rather than kept: the table must not pin megabytes per loop. */
    private static final int MAX_SHARED_BYTES = 16 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};

    private final byte[][] keys = new byte[SLOTS][];
    private final ByteBuf[] frames = new ByteBuf[SLOTS];

    /** The table of {@code context}'s event loop, created on first use; call on that context. */
    static ChunkFrames of(Context context) {
        ChunkFrames frames = context.get(KEY);
        if (frames == null) {
            frames = new ChunkFrames();
            context.put(KEY, frames);
        }
        return frames;
    }

    /**
     * {@code events}, {@code length} bytes together, as one chunk ({@code size CRLF events CRLF}), owned by the
     * caller (write it, or release it). A single event is the loop's shared frame of it; several (a stream that
     * fell behind) are copied once into a chunk of their own, since one buffer per write costs less than a
     * gathering write of hundreds of small ones.
     */
    ByteBuf chunk(List<byte[]> events, int length, ByteBufAllocator allocator) {
        if (events.size() == 1) {
            return chunk(events.get(0), allocator);
        }
        ByteBuf frame = header(length, allocator);
        for (int i = 0; i < events.size(); i++) {
            frame.writeBytes(events.get(i));
        }
        return frame.writeBytes(CRLF);
    }

    /** {@code bytes} as one chunk ({@code size CRLF bytes CRLF}), owned by the caller (write it, or release it). */
    ByteBuf chunk(byte[] bytes, ByteBufAllocator allocator) {
        if (bytes.length > MAX_SHARED_BYTES) {
            return frame(bytes, allocator);
        }
        int slot = System.identityHashCode(bytes) & (SLOTS - 1);
        if (keys[slot] != bytes) {
            if (frames[slot] != null) {
                frames[slot].release();
            }
            keys[slot] = bytes;
            frames[slot] = frame(bytes, allocator);
        }
        return frames[slot].retainedDuplicate();
    }

    private static ByteBuf frame(byte[] bytes, ByteBufAllocator allocator) {
        return header(bytes.length, allocator).writeBytes(bytes).writeBytes(CRLF);
    }

    /** A direct buffer with room for a chunk of {@code length} bytes, holding its size line. */
    private static ByteBuf header(int length, ByteBufAllocator allocator) {
        byte[] size = Integer.toHexString(length).getBytes(StandardCharsets.US_ASCII);
        ByteBuf frame = allocator.directBuffer(size.length + length + 2 * CRLF.length);
        return frame.writeBytes(size).writeBytes(CRLF);
    }
}

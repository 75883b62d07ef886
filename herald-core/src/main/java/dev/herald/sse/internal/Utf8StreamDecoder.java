package dev.herald.sse.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a UTF-8 byte stream that arrives in arbitrary chunks, handing the characters to a sink in
 * runs. Invalid sequences become U+FFFD, as the SSE specification requires; a sequence split between
 * two chunks decodes as if the chunks had been one.
 *
 * <p>Not thread-safe.
 */
public final class Utf8StreamDecoder {

    /** Receives decoded characters; the array is reused, so it must be copied, not kept. */
    @FunctionalInterface
    public interface CharSink {
        /** Takes {@code chars[from, to)}, valid only during this call. */
        void accept(char[] chars, int from, int to);
    }

    // The longest UTF-8 sequence is four bytes, so at most three can be waiting for the rest.
    private static final int MAX_SEQUENCE_BYTES = 4;
    private static final int OUTPUT_CHARS = 4096;

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer carry = ByteBuffer.allocate(MAX_SEQUENCE_BYTES);
    private final CharBuffer out = CharBuffer.allocate(OUTPUT_CHARS);
    private final CharSink sink;

    /** A decoder that hands every decoded run of characters to {@code sink}. */
    public Utf8StreamDecoder(CharSink sink) {
        this.sink = sink;
    }

    /**
     * Decodes all remaining bytes of {@code in}, leaving its position at its limit; a trailing incomplete
     * sequence is kept until the next call completes it.
     */
    public void decode(ByteBuffer in) {
        completeCarriedSequence(in);
        if (!in.hasRemaining()) {
            return;
        }
        decodeAll(in);
        carry.put(in);
    }

    /** Forgets a pending incomplete sequence, as at the end of one stream and the start of the next. */
    public void reset() {
        decoder.reset();
        carry.clear();
        out.clear();
    }

    // Feeds the bytes one at a time so that the carry never needs more room than one sequence, and the
    // caller's buffer is read in place as soon as the carried sequence is resolved.
    private void completeCarriedSequence(ByteBuffer in) {
        while (carry.position() > 0 && in.hasRemaining()) {
            carry.put(in.get());
            carry.flip();
            decodeAll(carry);
            carry.compact();
        }
    }

    private void decodeAll(ByteBuffer in) {
        CoderResult result;
        do {
            // REPLACE means malformed input never surfaces as a result: only overflow or underflow.
            result = decoder.decode(in, out, false);
            drain();
        } while (result.isOverflow());
    }

    private void drain() {
        if (out.position() > 0) {
            sink.accept(out.array(), 0, out.position());
            out.clear();
        }
    }
}

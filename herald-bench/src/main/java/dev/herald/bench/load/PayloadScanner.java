package dev.herald.bench.load;

import io.netty.buffer.ByteBuf;

/**
 * Finds load-test payloads in a {@code text/event-stream} as its bytes arrive, without building strings: in
 * each event's {@code data:} lines it reads the first two numbers separated by one space (the send time and
 * the sequence of {@link Payload}, bare or inside the seed's {@code {"message":"..."}}) and reports them when
 * the event's blank line arrives. Events without such numbers (a {@code connect} event, comments, heartbeats)
 * are skipped. Chunks may split the stream anywhere. One instance per connection, fed by one thread.
 *
 * <p>This is a measuring probe, not an SSE parser: it ignores {@code event:}, {@code id:} and {@code retry:}
 * and assumes the server frames events as the standard says (a line per field, a blank line ends an event).
 * Once a line can no longer matter (not a data line, or the numbers are found) it jumps to the line's end
 * with Netty's word-at-a-time search instead of looking at each byte: the padding of large payloads would
 * otherwise make the generator, not the server, the limit.
 */
final class PayloadScanner {

    /** Receives each payload found. */
    interface Listener {
        void onPayload(long sendNanos, long sequence);
    }

    private static final byte[] DATA = {'d', 'a', 't', 'a', ':'};

    private static final int PREFIX = 0;     // matching "data:" at the start of a line
    private static final int DATA_LINE = 1;  // inside a data line
    private static final int OTHER_LINE = 2; // inside any other line

    // Number states within the event's data
    private static final int SEEK_FIRST = 0;
    private static final int IN_FIRST = 1;
    private static final int SEEK_SECOND = 2;
    private static final int IN_SECOND = 3;
    private static final int FOUND = 4;

    private final Listener listener;
    private int line = PREFIX;
    private int matched;
    private boolean afterCr;
    private int number = SEEK_FIRST;
    private long first;
    private long second;

    PayloadScanner(Listener listener) {
        this.listener = listener;
    }

    /** Scans the readable bytes of the next chunk of the stream (the chunk's indexes are left as they are). */
    void feed(ByteBuf chunk) {
        int i = chunk.readerIndex();
        int end = chunk.writerIndex();
        while (i < end) {
            if (line == OTHER_LINE || (line == DATA_LINE && number == FOUND)) {
                i = lineEnd(chunk, i, end);
                if (i < 0) {
                    return;
                }
            }
            accept(chunk.getByte(i++));
        }
    }

    /** The index of the first CR or LF in [{@code from}, {@code to}), or -1. */
    private static int lineEnd(ByteBuf chunk, int from, int to) {
        int lf = chunk.indexOf(from, to, (byte) '\n');
        int cr = chunk.indexOf(from, lf < 0 ? to : lf, (byte) '\r');
        return cr >= 0 ? cr : lf;
    }

    private void accept(byte b) {
        if (b == '\n' && afterCr) {
            afterCr = false;
            return;
        }
        afterCr = b == '\r';
        if (b == '\n' || b == '\r') {
            endLine();
            return;
        }
        switch (line) {
            case PREFIX -> {
                if (b == DATA[matched]) {
                    if (++matched == DATA.length) {
                        line = DATA_LINE;
                    }
                } else {
                    line = OTHER_LINE;
                }
            }
            case DATA_LINE -> digit(b);
            default -> {
            }
        }
    }

    private void digit(byte b) {
        boolean isDigit = b >= '0' && b <= '9';
        switch (number) {
            case SEEK_FIRST -> {
                if (isDigit) {
                    first = b - '0';
                    number = IN_FIRST;
                }
            }
            case IN_FIRST -> {
                if (isDigit) {
                    first = first * 10 + (b - '0');
                } else {
                    number = b == ' ' ? SEEK_SECOND : SEEK_FIRST;
                }
            }
            case SEEK_SECOND -> {
                if (isDigit) {
                    second = b - '0';
                    number = IN_SECOND;
                } else {
                    number = SEEK_FIRST;
                }
            }
            case IN_SECOND -> {
                if (isDigit) {
                    second = second * 10 + (b - '0');
                } else {
                    number = FOUND;
                }
            }
            default -> {
            }
        }
    }

    private void endLine() {
        boolean blank = line == PREFIX && matched == 0;
        if (line == DATA_LINE && number == IN_SECOND) {
            number = FOUND;
        } else if (line == DATA_LINE && number != FOUND) {
            number = SEEK_FIRST;
        }
        line = PREFIX;
        matched = 0;
        if (blank) {
            if (number == FOUND) {
                listener.onPayload(first, second);
            }
            number = SEEK_FIRST;
        }
    }
}

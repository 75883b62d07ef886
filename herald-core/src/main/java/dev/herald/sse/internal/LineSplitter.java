package dev.herald.sse.internal;

import dev.herald.sse.SseParseException;

/**
 * Splits the decoded characters of an event stream into lines, as the SSE specification defines them:
 * a line ends with CRLF, a lone CR or a lone LF, and one U+FEFF byte order mark at the very start of the
 * stream is dropped.
 *
 * <p>A line is handed over as soon as its terminator is seen, so a stream that ends its lines with CR
 * is never held back waiting for a possible LF; an LF that follows is then skipped, even when it arrives
 * in the next chunk. Not thread-safe.
 */
public final class LineSplitter {

    /** Receives each complete line, without its terminator. */
    @FunctionalInterface
    public interface LineSink {
        /** Takes one line; the sequence is reused, so it must be copied, not kept. */
        void onLine(CharSequence line);
    }

    private static final char BOM = '\uFEFF';
    private static final int INITIAL_CAPACITY = 256;
    // A line near the limit would otherwise pin its buffer for the rest of a long-lived connection.
    private static final int RETAINED_CAPACITY = 64 * 1024;

    private final int maxLineChars;
    private final LineSink sink;
    private StringBuilder line = new StringBuilder(INITIAL_CAPACITY);
    private boolean atStreamStart = true;
    private boolean skipLf;

    /** A splitter that hands lines to {@code sink} and refuses lines longer than {@code maxLineChars}. */
    public LineSplitter(int maxLineChars, LineSink sink) {
        this.maxLineChars = maxLineChars;
        this.sink = sink;
    }

    /**
     * Takes the next characters of the stream, handing every line they complete to the sink.
     *
     * @throws SseParseException if the current line grows beyond the limit
     */
    public void accept(char[] chars, int from, int to) {
        int i = from;
        if (atStreamStart && i < to) {
            atStreamStart = false;
            if (chars[i] == BOM) {
                i++;
            }
        }
        while (i < to) {
            if (skipLf) {
                skipLf = false;
                if (chars[i] == '\n') {
                    i++;
                    continue;
                }
            }
            int end = indexOfLineBreak(chars, i, to);
            append(chars, i, end);
            if (end == to) {
                return;
            }
            skipLf = chars[end] == '\r';
            emitLine();
            i = end + 1;
        }
    }

    /** Drops an unterminated line and starts over, as at the start of a new stream. */
    public void reset() {
        clearLine();
        atStreamStart = true;
        skipLf = false;
    }

    private static int indexOfLineBreak(char[] chars, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = chars[i];
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return to;
    }

    private void append(char[] chars, int from, int to) {
        if (to - from > maxLineChars - line.length()) {
            clearLine();
            throw new SseParseException("SSE line longer than the limit of " + maxLineChars
                    + " chars; raise it with new SseParser(listener, maxEventChars) if the server is trusted"
                    + " to send such lines");
        }
        line.append(chars, from, to - from);
    }

    private void emitLine() {
        try {
            sink.onLine(line);
        } finally {
            clearLine();
        }
    }

    private void clearLine() {
        if (line.capacity() > RETAINED_CAPACITY) {
            line = new StringBuilder(INITIAL_CAPACITY);
        } else {
            line.setLength(0);
        }
    }
}

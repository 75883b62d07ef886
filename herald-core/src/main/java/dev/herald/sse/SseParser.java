package dev.herald.sse;

import dev.herald.sse.internal.LineSplitter;
import dev.herald.sse.internal.Utf8StreamDecoder;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An incremental {@code text/event-stream} parser: bytes in, {@link SseListener} callbacks out, following
 * the "interpreting an event stream" and "dispatching the event" rules of the WHATWG HTML standard's
 * Server-Sent Events section.
 *
 * <p>Bytes may arrive in chunks of any size, split anywhere, even inside a UTF-8 sequence or between the
 * CR and LF of one line end; the result is the same as for the whole stream at once. Invalid UTF-8
 * becomes U+FFFD. An event is dispatched as soon as its blank line arrives.
 *
 * <p>Memory is bounded: a line, or the data of one event, longer than {@code maxEventChars} characters
 * throws {@link SseParseException}, so a hostile or broken server cannot grow a client's heap without
 * bound. After any exception out of {@code feed} (a limit, or one thrown by the listener) the rest of the
 * stream cannot be parsed reliably, so the parser refuses input until {@link #end()}.
 *
 * <p>Not thread-safe: one thread at a time feeds a parser, and the listener runs on that thread.
 */
public final class SseParser {

    /** The default limit on the length of one line and of one event's data: 8 Mi characters. */
    public static final int DEFAULT_MAX_EVENT_CHARS = 8 * 1024 * 1024;

    private static final int INITIAL_DATA_CAPACITY = 256;
    // One large event would otherwise pin its data buffer for the rest of a long-lived connection.
    private static final int RETAINED_DATA_CAPACITY = 64 * 1024;

    private final SseListener listener;
    private final int maxEventChars;
    private final LineSplitter lines;
    private final Utf8StreamDecoder decoder;

    private StringBuilder data = new StringBuilder(INITIAL_DATA_CAPACITY);
    private String eventType = "";
    private String lastEventIdBuffer = "";
    private String lastEventId = "";
    private boolean failed;

    /** A parser that reports to {@code listener}, with the {@link #DEFAULT_MAX_EVENT_CHARS} limit. */
    public SseParser(SseListener listener) {
        this(listener, DEFAULT_MAX_EVENT_CHARS);
    }

    /**
     * A parser that reports to {@code listener} and refuses a line or an event's data longer than
     * {@code maxEventChars} characters.
     *
     * @throws IllegalArgumentException if {@code maxEventChars} is not positive
     */
    public SseParser(SseListener listener, int maxEventChars) {
        this.listener = Objects.requireNonNull(listener, "listener must not be null");
        if (maxEventChars <= 0) {
            throw new IllegalArgumentException("maxEventChars must be > 0 characters, got " + maxEventChars);
        }
        this.maxEventChars = maxEventChars;
        this.lines = new LineSplitter(maxEventChars, this::onLine);
        this.decoder = new Utf8StreamDecoder(lines::accept);
    }

    /**
     * Parses the next {@code length} bytes of the stream from {@code bytes[offset]}, calling the listener
     * for every event, comment and retry they complete.
     *
     * @throws SseParseException if a line or an event's data exceeds the limit
     * @throws IllegalStateException if an earlier call threw and {@link #end()} was not called since
     */
    public void feed(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        feed(ByteBuffer.wrap(bytes, offset, length));
    }

    /**
     * Parses all of {@code bytes} as the next part of the stream; see {@link #feed(byte[], int, int)}.
     *
     * @throws SseParseException if a line or an event's data exceeds the limit
     * @throws IllegalStateException if an earlier call threw and {@link #end()} was not called since
     */
    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    /**
     * Parses the remaining bytes of {@code buffer} as the next part of the stream, leaving its position at
     * its limit; see {@link #feed(byte[], int, int)}.
     *
     * @throws SseParseException if a line or an event's data exceeds the limit
     * @throws IllegalStateException if an earlier call threw and {@link #end()} was not called since
     */
    public void feed(ByteBuffer buffer) {
        if (failed) {
            throw new IllegalStateException("SseParser refuses input after an exception from an earlier feed;"
                    + " call end() and feed a new stream");
        }
        // Stays set if anything below throws, because the bytes after the failure point are lost.
        failed = true;
        decoder.decode(buffer);
        failed = false;
    }

    /**
     * Ends the stream: an unterminated line and an event not yet ended by a blank line are discarded
     * without being dispatched, as the specification requires. The parser is then ready for a new stream
     * (a reconnection) and keeps {@link #lastEventId()}; an {@code id:} of the discarded event is forgotten.
     */
    public void end() {
        decoder.reset();
        lines.reset();
        resetEvent();
        lastEventIdBuffer = lastEventId;
        failed = false;
    }

    /**
     * The last event ID string: the id in force when the last event was dispatched (or seeded), {@code ""}
     * if none. A client sends it as {@code Last-Event-ID} when it reconnects.
     */
    public String lastEventId() {
        return lastEventId;
    }

    /**
     * Seeds the last event ID, as a client does that resumes a stream it read before; events without an
     * {@code id:} field then carry it. Usually called before the first {@code feed} or right after
     * {@link #end()}.
     *
     * @throws IllegalArgumentException if {@code id} contains CR, LF or NUL, which no stream can set
     */
    public void lastEventId(String id) {
        Objects.requireNonNull(id, "lastEventId must not be null (no id is \"\")");
        if (id.indexOf('\r') >= 0 || id.indexOf('\n') >= 0 || id.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("lastEventId must not contain CR, LF or NUL (no stream can set"
                    + " such an id, and it would break the Last-Event-ID header)");
        }
        lastEventId = id;
        lastEventIdBuffer = id;
    }

    private void onLine(CharSequence line) {
        int length = line.length();
        if (length == 0) {
            dispatch();
            return;
        }
        int colon = indexOfColon(line);
        if (colon == 0) {
            listener.onComment(line.subSequence(valueStart(line, 0), length).toString());
        } else if (colon < 0) {
            onField(line, length, length);
        } else {
            onField(line, colon, valueStart(line, colon));
        }
    }

    private void onField(CharSequence line, int nameEnd, int valueStart) {
        if (isName(line, nameEnd, "data")) {
            appendData(line, valueStart);
        } else if (isName(line, nameEnd, "event")) {
            eventType = line.subSequence(valueStart, line.length()).toString();
        } else if (isName(line, nameEnd, "id")) {
            if (!containsNul(line, valueStart)) {
                lastEventIdBuffer = line.subSequence(valueStart, line.length()).toString();
            }
        } else if (isName(line, nameEnd, "retry")) {
            long millis = parseRetry(line, valueStart);
            if (millis >= 0) {
                listener.onRetry(millis);
            }
        }
        // Any other field is ignored, as the specification requires.
    }

    private void appendData(CharSequence line, int valueStart) {
        int valueLength = line.length() - valueStart;
        // The buffer ends with an LF that dispatch drops, so it may hold one char more than the limit.
        if (valueLength > maxEventChars - data.length()) {
            resetEvent();
            throw new SseParseException("SSE event data longer than the limit of " + maxEventChars
                    + " chars; raise it with new SseParser(listener, maxEventChars) if the server is trusted"
                    + " to send such events");
        }
        data.append(line, valueStart, line.length()).append('\n');
    }

    private void dispatch() {
        // The id is committed even for an event without data, before the data check.
        lastEventId = lastEventIdBuffer;
        if (data.length() == 0) {
            eventType = "";
            return;
        }
        String type = eventType.isEmpty() ? "message" : eventType;
        MessageEvent event = new MessageEvent(type, data.substring(0, data.length() - 1), lastEventId);
        resetEvent();
        listener.onEvent(event);
    }

    private void resetEvent() {
        eventType = "";
        if (data.capacity() > RETAINED_DATA_CAPACITY) {
            data = new StringBuilder(INITIAL_DATA_CAPACITY);
        } else {
            data.setLength(0);
        }
    }

    /** The value after a colon at {@code colon}, without the one leading space the format allows. */
    private static int valueStart(CharSequence line, int colon) {
        int start = colon + 1;
        return start < line.length() && line.charAt(start) == ' ' ? start + 1 : start;
    }

    private static int indexOfColon(CharSequence line) {
        for (int i = 0, n = line.length(); i < n; i++) {
            if (line.charAt(i) == ':') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isName(CharSequence line, int nameEnd, String name) {
        if (nameEnd != name.length()) {
            return false;
        }
        for (int i = 0; i < nameEnd; i++) {
            if (line.charAt(i) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsNul(CharSequence line, int from) {
        for (int i = from, n = line.length(); i < n; i++) {
            if (line.charAt(i) == '\0') {
                return true;
            }
        }
        return false;
    }

    /** The retry value in milliseconds, or -1 if it is not all ASCII digits or does not fit a long. */
    private static long parseRetry(CharSequence line, int from) {
        int n = line.length();
        if (from == n) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < n; i++) {
            int digit = line.charAt(i) - '0';
            if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}

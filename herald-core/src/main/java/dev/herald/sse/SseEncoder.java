package dev.herald.sse;

import java.nio.charset.StandardCharsets;

/**
 * Writes {@link SseEvent}s in the {@code text/event-stream} format, UTF-8 encoded.
 *
 * <p>Fields come in the order comment, {@code event}, {@code id}, {@code retry}, {@code data}; each value
 * follows {@code ": "} so a leading space in a value survives the parser's stripping of one space. The
 * data is split on CRLF, CR and LF into one {@code data:} line each. An event that carries a type, id or
 * data ends with a blank line, which makes clients dispatch it; a lone comment or {@code retry} ends
 * with one too, so a proxy never holds half an event.
 *
 * <p>Stateless and thread-safe.
 */
public final class SseEncoder {

    private SseEncoder() {
    }

    /** The wire bytes of {@code event}, including the blank line that ends it. */
    public static byte[] encode(SseEvent event) {
        return encodeToString(event).getBytes(StandardCharsets.UTF_8);
    }

    /** The wire text of {@code event}, including the blank line that ends it. */
    public static String encodeToString(SseEvent event) {
        StringBuilder out = new StringBuilder(64 + (event.data() == null ? 0 : event.data().length()));
        if (event.comment() != null) {
            out.append(':');
            if (!event.comment().isEmpty()) {
                out.append(' ').append(event.comment());
            }
            out.append('\n');
        }
        if (event.type() != null) {
            out.append("event: ").append(event.type()).append('\n');
        }
        if (event.id() != null) {
            out.append("id: ").append(event.id()).append('\n');
        }
        if (event.retry() != null) {
            out.append("retry: ").append(event.retry().longValue()).append('\n');
        }
        if (event.data() != null) {
            appendData(out, event.data());
        }
        out.append('\n');
        return out.toString();
    }

    private static void appendData(StringBuilder out, String data) {
        int start = 0;
        int length = data.length();
        for (int i = 0; i < length; i++) {
            char c = data.charAt(i);
            if (c == '\r' || c == '\n') {
                out.append("data: ").append(data, start, i).append('\n');
                if (c == '\r' && i + 1 < length && data.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        out.append("data: ").append(data, start, length).append('\n');
    }
}

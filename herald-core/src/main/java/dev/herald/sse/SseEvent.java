package dev.herald.sse;

/**
 * One Server-Sent Event as written to the wire: every field is optional, and a field that is {@code null}
 * is not written.
 *
 * <p>The constructor enforces the framing rules, so no event that could inject another field or another
 * event can exist: {@code id} and {@code type} must not contain CR or LF, {@code id} must not contain NUL
 * (a client would ignore it), {@code comment} must not contain CR or LF, and {@code retry} is a
 * non-negative number of milliseconds. {@code data} may contain any line breaks; the encoder splits it
 * into several {@code data:} lines.
 *
 * @param id the {@code id:} field, or null for none; an empty id resets the client's last event id
 * @param type the {@code event:} field (the event type), or null for the default {@code message}
 * @param data the {@code data:} payload, or null for an event without data (which a client does not dispatch)
 * @param retry the {@code retry:} reconnection time in milliseconds, or null for none
 * @param comment a comment line ({@code : text}), or null for none
 */
public record SseEvent(String id, String type, String data, Long retry, String comment) {

    /** Validates the framing rules above, throwing {@link IllegalArgumentException} that names the field. */
    public SseEvent {
        requireNoLineBreak("id", id);
        requireNoLineBreak("type", type);
        requireNoLineBreak("comment", comment);
        if (id != null && id.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("id must not contain NUL (clients ignore such ids), got " + quote(id));
        }
        if (retry != null && retry < 0) {
            throw new IllegalArgumentException("retry must be >= 0 milliseconds, got " + retry);
        }
    }

    /** An event of the default type {@code message} carrying {@code data}. */
    public static SseEvent message(String data) {
        return new SseEvent(null, null, data, null, null);
    }

    /** An event of type {@code type} carrying {@code data}. */
    public static SseEvent of(String type, String data) {
        return new SseEvent(null, type, data, null, null);
    }

    /** A comment line; clients ignore it, proxies and idle timers see traffic. */
    public static SseEvent comment(String text) {
        return new SseEvent(null, null, null, null, text);
    }

    /** A lone {@code retry:} field telling the client how long to wait before reconnecting. */
    public static SseEvent retry(long millis) {
        return new SseEvent(null, null, null, millis, null);
    }

    /** This event with {@code id} set. */
    public SseEvent withId(String newId) {
        return new SseEvent(newId, type, data, retry, comment);
    }

    private static void requireNoLineBreak(String field, String value) {
        if (value != null && (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0)) {
            throw new IllegalArgumentException(field + " must not contain CR or LF (it would inject SSE fields), got "
                    + quote(value));
        }
    }

    // Cutting between the halves of a surrogate pair would put a lone surrogate in the message.
    private static int cutBefore(String value, int index) {
        return Character.isLowSurrogate(value.charAt(index)) && Character.isHighSurrogate(value.charAt(index - 1))
                ? index - 1
                : index;
    }

    private static String quote(String value) {
        String shown = value.length() > 60 ? value.substring(0, cutBefore(value, 60)) + "…" : value;
        return '"' + shown.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0") + '"';
    }
}

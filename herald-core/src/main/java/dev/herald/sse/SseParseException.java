package dev.herald.sse;

/**
 * Thrown by {@link SseParser} when an event stream breaks one of the parser's limits, such as a line or
 * an event's data longer than the configured maximum. The stream should be abandoned: the parser refuses
 * input until {@link SseParser#end()} starts a new stream.
 */
public class SseParseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception whose {@code message} says which limit was exceeded and how to raise it. */
    public SseParseException(String message) {
        super(message);
    }
}

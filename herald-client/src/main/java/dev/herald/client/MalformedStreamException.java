package dev.herald.client;

import dev.herald.sse.SseParseException;

/**
 * The server sent a stream the client refuses to parse on, such as an event larger than
 * {@link EventSourceBuilder#maxEventChars}. Not retried by default: reconnecting would most likely replay
 * the same event.
 */
public final class MalformedStreamException extends EventSourceException {

    private static final long serialVersionUID = 1L;

    /** The stream from {@code what} (a URI) broke a limit, as {@code cause} says. */
    public MalformedStreamException(Object what, SseParseException cause) {
        super("the event stream from " + what + " was abandoned: " + cause.getMessage()
                + " (EventSourceBuilder.maxEventChars sets the limit)", cause);
    }
}

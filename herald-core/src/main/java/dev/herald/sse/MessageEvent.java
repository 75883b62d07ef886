package dev.herald.sse;

import java.util.Objects;

/**
 * One event as a client dispatches it, per the "dispatch the event" steps of the WHATWG HTML standard's
 * Server-Sent Events section: what a browser's {@code EventSource} hands to its listeners.
 *
 * @param type the event type: the last {@code event:} value of the event, or {@code "message"} when
 *     there was none or it was empty
 * @param data the {@code data:} values joined with LF, without a trailing LF
 * @param lastEventId the stream's last event ID string when the event was dispatched, which persists
 *     across events until an {@code id:} field changes it; {@code ""} if none was ever set
 */
public record MessageEvent(String type, String data, String lastEventId) {

    /** Requires every component to be non-null; an absent value is {@code ""} or {@code "message"}. */
    public MessageEvent {
        Objects.requireNonNull(type, "type must not be null (the default type is \"message\")");
        Objects.requireNonNull(data, "data must not be null (a dispatched event always has data)");
        Objects.requireNonNull(lastEventId, "lastEventId must not be null (no id is \"\")");
    }
}

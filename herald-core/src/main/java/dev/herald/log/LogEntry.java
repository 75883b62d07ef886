package dev.herald.log;

import dev.herald.hub.Update;
import dev.herald.sse.SseEncoder;

/**
 * An update at its place in the event log, with its wire bytes encoded once for every subscriber.
 *
 * <p>The {@code wire} array is shared by every connection the entry is written to and must never be
 * modified; equality of entries is by position and update.
 *
 * @param position the place in the log, strictly increasing in log order, always positive
 * @param update the update; its id is never null once logged
 * @param wire the update encoded as an SSE event, UTF-8
 */
public record LogEntry(long position, Update update, byte[] wire) {

    public LogEntry {
        if (position <= 0) {
            throw new IllegalArgumentException("a log position is positive, got " + position);
        }
        if (update.id() == null) {
            throw new IllegalArgumentException("a logged update has an id");
        }
    }

    /** The entry for {@code update} at {@code position}, encoding its wire bytes. */
    public static LogEntry of(long position, Update update) {
        return new LogEntry(position, update, SseEncoder.encode(update.toSseEvent()));
    }

    /** The update's SSE id. */
    public String id() {
        return update.id();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LogEntry that && position == that.position && update.equals(that.update);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(position) * 31 + update.hashCode();
    }

    @Override
    public String toString() {
        return "LogEntry[" + position + ", " + update + "]";
    }
}

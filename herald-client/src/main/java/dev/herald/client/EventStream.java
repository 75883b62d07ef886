package dev.herald.client;

import dev.herald.sse.MessageEvent;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The blocking pull API over an {@link EventSource}: the source's thread reads and reconnects as usual and
 * hands each event over through a bounded queue; the caller takes events when it wants them. While the
 * queue is full the source stops reading, so a slow consumer slows the connection instead of growing memory.
 *
 * <p>Meant for one consuming thread; {@link #close()} may be called from any thread.
 */
public interface EventStream extends AutoCloseable, Iterable<MessageEvent> {

    /**
     * The next event, waiting at most {@code timeout}; empty if none arrived in time or the stream is
     * {@linkplain #isFinished() finished}.
     */
    Optional<MessageEvent> next(Duration timeout) throws InterruptedException;

    /** True once the source has closed and every event it delivered has been taken. */
    boolean isFinished();

    /** The underlying source, for its state, last event id and close reason. */
    EventSource source();

    /**
     * Blocks for each next event; ends when the source closed by {@link #close()} or a 204, and throws the
     * {@link EventSourceException} that ended it otherwise. Interruption ends it by closing the stream.
     */
    @Override
    Iterator<MessageEvent> iterator();

    /** The events as a sequential, blocking {@link Stream}, ending as the {@link #iterator()} does. */
    Stream<MessageEvent> stream();

    /** Closes the source and drops events not yet taken; idempotent, callable from any thread. */
    @Override
    void close();
}

package dev.herald.client.internal;

import dev.herald.client.CloseReason;
import dev.herald.client.ErrorEvent;
import dev.herald.client.EventSource;
import dev.herald.client.EventStream;
import dev.herald.client.OpenEvent;
import dev.herald.sse.MessageEvent;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The pull API: a {@link SourceHandler} that puts each event into a {@link BoundedHandoff}, blocking the
 * source's thread (and so the connection) while the consumer lags behind.
 */
public final class RealEventStream implements EventStream, SourceHandler {

    private final BoundedHandoff<MessageEvent> queue;
    private volatile EventSource source;
    private volatile CloseReason closeReason;

    /** A stream buffering at most {@code capacity} events; attach its source before starting it. */
    public RealEventStream(int capacity) {
        this.queue = new BoundedHandoff<>(capacity);
    }

    /** Sets the source this stream reads; called once, before the source starts. */
    public void attach(EventSource source) {
        this.source = source;
    }

    @Override
    public void onEvent(MessageEvent event) {
        try {
            queue.put(event);
        } catch (InterruptedException e) {
            // Someone interrupted the source's thread: take it as a request to stop.
            Thread.currentThread().interrupt();
            source.close();
        }
    }

    @Override
    public void onClosed(CloseReason reason) {
        closeReason = reason;
        queue.finish();
    }

    @Override
    public void onOpen(OpenEvent open) {
        // The pull API yields events only; the source's state is there for who wants it.
    }

    @Override
    public void onComment(String comment) {
        // Comments are keep-alives, not data.
    }

    @Override
    public void onError(ErrorEvent error) {
        // Retried failures are invisible to a consumer of events; a final one ends the iteration.
    }

    @Override
    public Optional<MessageEvent> next(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(queue.poll(timeout.toNanos()));
    }

    @Override
    public boolean isFinished() {
        return queue.isDrained();
    }

    @Override
    public EventSource source() {
        return source;
    }

    @Override
    public Iterator<MessageEvent> iterator() {
        return new Iterator<>() {
            private MessageEvent next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = takeOrEnd();
                }
                return next != null;
            }

            @Override
            public MessageEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the event stream has ended");
                }
                MessageEvent event = next;
                next = null;
                return event;
            }
        };
    }

    @Override
    public Stream<MessageEvent> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false)
                .onClose(this::close);
    }

    @Override
    public void close() {
        source.close();
        queue.close();
    }

    /** The next event, or null at a normal end; throws the failure that ended the source otherwise. */
    private MessageEvent takeOrEnd() {
        MessageEvent event;
        try {
            event = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            return null;
        }
        CloseReason reason = closeReason;
        if (event == null && reason != null && reason.kind() == CloseReason.Kind.FAILED) {
            throw reason.failure();
        }
        return event;
    }
}

package dev.herald.client;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A Server-Sent Events client that behaves as the WHATWG spec says a browser's {@code EventSource} does:
 * it connects, dispatches events to listeners, and reconnects after a lost connection, sending
 * {@code Last-Event-ID} with the last id seen and waiting the server's {@code retry:}, with exponential
 * backoff and jitter on repeated failures. It stops for good on {@code 204}, on any other status than 200,
 * on a content type other than {@code text/event-stream}, or on {@link #close()}.
 *
 * <p>Build one with {@link #builder(URI)}, then {@link EventSourceBuilder#start()} for callbacks or
 * {@link EventSourceBuilder#openStream()} for a blocking pull API.
 *
 * <h2>Threads and locks</h2>
 * <ul>
 *   <li>Each source owns one thread (from the builder's thread factory, a daemon thread by default). It
 *       connects, reads the body with a blocking {@code InputStream}, feeds core's parser and calls every
 *       listener, in order: {@code onOpen}, events and comments, {@code onError}, and {@code onClosed} exactly
 *       once, last. No two callbacks of one source ever run at the same time.</li>
 *   <li>Backpressure: the thread reads the next bytes only after the listeners returned, and the JDK client
 *       buffers at most a few chunks, so a slow listener slows the TCP connection down instead of growing
 *       memory. The pull API hands events over through a bounded queue for the same reason.</li>
 *   <li>A read timeout is enforced by one shared daemon timer thread ({@code herald-client-timer}), which
 *       only closes the stalled connection's stream; the source's thread then sees the failure.</li>
 *   <li>{@link #close()} may be called from any thread, any number of times, including from a listener: it
 *       sets a flag, wakes a backoff wait, cancels a pending request and closes the open stream, so the
 *       source's thread stops within moments (after the listener call in progress returns).</li>
 *   <li>Locks: the source itself has none; its state is published through volatile fields and atomic
 *       references. The pull API's bounded queue has one lock, held only to add or take an item. No lock is
 *       ever held across I/O or a listener call, so a slow listener or a stalled connection cannot block
 *       {@code close()} or the getters.</li>
 * </ul>
 */
public interface EventSource extends AutoCloseable {

    /** A builder for a source reading {@code uri} (http or https). */
    static EventSourceBuilder builder(URI uri) {
        return new EventSourceBuilder(uri);
    }

    /** The URI this source requests, query parameters included. */
    URI uri();

    /** The current state; {@link ReadyState#CLOSED} is final. */
    ReadyState readyState();

    /**
     * The last event id seen (sent as {@code Last-Event-ID} on the next reconnection), or an empty string
     * when none was seen or the server reset it with an empty {@code id:}.
     */
    String lastEventId();

    /** Why the source closed, once it has; empty while it runs. */
    Optional<CloseReason> closeReason();

    /** Stops the source for good; idempotent and callable from any thread, including from a listener. */
    @Override
    void close();

    /**
     * Waits until the source's thread has finished (after {@code onClosed}), at most {@code timeout}.
     * Returns true if it finished in time.
     */
    boolean awaitClosed(Duration timeout) throws InterruptedException;
}

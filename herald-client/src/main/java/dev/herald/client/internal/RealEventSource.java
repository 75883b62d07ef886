package dev.herald.client.internal;

import dev.herald.client.BackoffStrategy;
import dev.herald.client.CloseReason;
import dev.herald.client.ConnectionLostException;
import dev.herald.client.ErrorEvent;
import dev.herald.client.ErrorStrategy;
import dev.herald.client.EventSource;
import dev.herald.client.EventSourceException;
import dev.herald.client.HttpStatusException;
import dev.herald.client.MalformedStreamException;
import dev.herald.client.OpenEvent;
import dev.herald.client.ReadTimeoutException;
import dev.herald.client.ReadyState;
import dev.herald.sse.MessageEvent;
import dev.herald.sse.SseListener;
import dev.herald.sse.SseParseException;
import dev.herald.sse.SseParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The event source: one thread that connects, reads, parses, dispatches and reconnects until stopped.
 * See {@link EventSource} for the threading contract; in short, everything but {@link #close()} and the
 * getters runs on the source's own thread, and the fields other threads read are volatile.
 */
public final class RealEventSource implements EventSource {

    /** Bytes read from the connection at a time: also the most the parser is fed before listeners run. */
    private static final int READ_BUFFER_BYTES = 8192;
    private static final long NEVER_OPENED = Long.MIN_VALUE;

    private final SourceConfig config;
    private final SourceHandler handler;
    private final Connector connector;
    private final StopSignal stop = new StopSignal();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile ReadyState readyState = ReadyState.CONNECTING;
    private volatile String lastEventId;
    private volatile CloseReason closeReason;
    /** The server's last {@code retry:}, or the configured default; touched by the source's thread only. */
    private Duration reconnectionTime;

    /** A source for {@code config} reporting to {@code handler}; call {@link #start()} to run it. */
    public RealEventSource(SourceConfig config, SourceHandler handler) {
        this.config = config;
        this.handler = handler;
        this.connector = new Connector(config);
        this.lastEventId = config.lastEventId();
        this.reconnectionTime = config.retryDelay();
    }

    /** Starts the source's thread; at most once. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("this event source was already started");
        }
        config.threadFactory().newThread(this::run).start();
    }

    @Override
    public URI uri() {
        return config.uri();
    }

    @Override
    public ReadyState readyState() {
        return readyState;
    }

    @Override
    public String lastEventId() {
        return lastEventId;
    }

    @Override
    public Optional<CloseReason> closeReason() {
        return Optional.ofNullable(closeReason);
    }

    @Override
    public void close() {
        stop.set();
    }

    @Override
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void run() {
        CloseReason reason = CloseReason.closedByClient();
        try {
            reason = connectUntilStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // Interrupting the source's thread closes it, nothing more.
        } catch (RuntimeException e) {
            reason = CloseReason.endedBy(new ConnectionLostException(
                    "herald-client failed unexpectedly (a bug; please report it): " + e, e));
        } finally {
            stop.set();
            readyState = ReadyState.CLOSED;
            closeReason = reason;
            handler.onClosed(reason);
            finished.countDown();
        }
    }

    /** The reconnection loop; returns why it ended. */
    private CloseReason connectUntilStopped() throws InterruptedException {
        BackoffStrategy backoff = config.backoff();
        ErrorStrategy errors = config.errorStrategy();
        while (!stop.isSet()) {
            Attempt attempt = connectAndRead();
            if (stop.isSet() || attempt.failure() == null) {
                break;
            }
            readyState = ReadyState.CONNECTING;
            if (attempt.opened()) {
                errors = config.errorStrategy(); // Only failures in a row count against a retry limit.
            }
            if (attempt.opened() && config.time().nanoTime() - attempt.openedAt() >= config.resetBackoffAfter().toNanos()) {
                backoff = config.backoff(); // It was healthy for a while: this is a fresh failure, not a streak.
            }
            ErrorStrategy.Decision decision = decide(errors, attempt.failure());
            errors = decision.next();
            if (!decision.retry()) {
                handler.onError(new ErrorEvent(attempt.failure(), null));
                return CloseReason.endedBy(attempt.failure());
            }
            BackoffStrategy.Step step = backoff.next(reconnectionTime);
            backoff = step.next();
            handler.onError(new ErrorEvent(attempt.failure(), step.delay()));
            if (config.time().sleep(step.delay(), stop.latch())) {
                break;
            }
        }
        return CloseReason.closedByClient();
    }

    /** One connection: opens it and reads it until it fails or the source stops. */
    private Attempt connectAndRead() throws InterruptedException {
        readyState = ReadyState.CONNECTING;
        long openedAt = NEVER_OPENED;
        try {
            OpenConnection connection = connector.open(lastEventId, stop);
            if (connection == null) {
                return new Attempt(null, NEVER_OPENED);
            }
            openedAt = config.time().nanoTime();
            return new Attempt(readUntilFailure(connection), openedAt);
        } catch (EventSourceException e) {
            return new Attempt(e, openedAt);
        }
    }

    /**
     * How one connection ended.
     *
     * @param failure why it ended, or null if the source was stopped
     * @param openedAt when the server accepted it, or {@link #NEVER_OPENED}
     */
    private record Attempt(EventSourceException failure, long openedAt) {
        boolean opened() {
            return openedAt != NEVER_OPENED;
        }
    }

    private static ErrorStrategy.Decision decide(ErrorStrategy errors, EventSourceException failure) {
        if (failure instanceof HttpStatusException status && status.isStopRequest()) {
            return new ErrorStrategy.Decision(false, errors); // 204 means stop, whatever the strategy says.
        }
        return errors.decide(failure);
    }

    /** Reads the open connection until it fails (returned) or the source stops (null). */
    private EventSourceException readUntilFailure(OpenConnection connection) {
        readyState = ReadyState.OPEN;
        handler.onOpen(new OpenEvent(config.uri(), connection.headers(), connection.lastEventIdSent(),
                connection.readTimeout()));
        SseParser parser = new SseParser(new ParserListener(), config.maxEventChars());
        parser.lastEventId(lastEventId);
        byte[] buffer = new byte[READ_BUFFER_BYTES];
        try (InputStream in = connection.body()) {
            while (!stop.isSet()) {
                int read = in.read(buffer);
                if (read < 0) {
                    parser.end(); // Drops an unterminated last event, as the spec says.
                    return new ConnectionLostException(config.uri() + " ended the stream", null);
                }
                parser.feed(buffer, 0, read);
                lastEventId = parser.lastEventId();
            }
            return null;
        } catch (SseParseException e) {
            return new MalformedStreamException(config.uri(), e);
        } catch (IOException e) {
            if (stop.isSet()) {
                return null;
            }
            if (connection.timedOut()) {
                return new ReadTimeoutException(config.uri(), connection.readTimeout());
            }
            return new ConnectionLostException("the connection to " + config.uri() + " broke: " + e, e);
        }
    }

    /** Turns parser callbacks into handler calls; runs on the source's thread, inside {@code feed}. */
    private final class ParserListener implements SseListener {
        @Override
        public void onEvent(MessageEvent event) {
            if (!stop.isSet()) { // After close() no event is delivered, even from bytes already read.
                lastEventId = event.lastEventId();
                handler.onEvent(event);
            }
        }

        @Override
        public void onRetry(long millis) {
            reconnectionTime = Duration.ofMillis(millis);
        }

        @Override
        public void onComment(String comment) {
            if (!stop.isSet()) {
                handler.onComment(comment);
            }
        }
    }
}

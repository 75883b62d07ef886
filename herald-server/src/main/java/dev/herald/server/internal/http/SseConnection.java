package dev.herald.server.internal.http;

import dev.herald.hub.CloseReason;
import dev.herald.hub.Subscription;
import dev.herald.hub.SubscriptionSink;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open {@code text/event-stream} response, fed by a hub {@link Subscription}.
 *
 * <p>Threads: the hub calls {@link #onReady} and {@link #onClosed} from any thread; both only schedule work
 * on the connection's event loop, which alone writes the response. A drain takes everything waiting,
 * coalesced into few writes, and stops while the socket's write queue is full (the slow reader's bytes then
 * wait in the subscription, against its budget, not in an unbounded socket buffer).
 */
final class SseConnection implements SubscriptionSink {

    private static final Logger LOG = LoggerFactory.getLogger(SseConnection.class);
    /** Bytes taken per write; several small events coalesce into one write up to this size. */
    private static final int MAX_WRITE = 64 * 1024;
    /** The seed's third authentication method: the page renews its credentials, then reconnects with Last-Event-ID. */
    static final byte[] AUTH_REQUIRED = dev.herald.sse.SseEncoder.encode(
            dev.herald.sse.SseEvent.of("auth_required", "{\"reason\":\"token_expired\"}"));

    private final Context context;
    private final DrainQueue drains;
    private final HttpServerResponse response;
    private final HttpConnection connection;
    /** How the body is written once the head is out; set in {@link #attach}, after the response became chunked. */
    private StreamWriter writer;
    private final long retryMillis;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable onEnd;
    private final LongConsumer bytesWritten;
    /**
     * For the debug lines ({@link #toString}), put together only when one is written: a description kept per stream
     * would cost every subscriber ~100 bytes. (Not the request itself: Vert.x Web's wrapper holds the whole routing context.)
     */
    private final HttpVersion version;
    private final String uri;
    private volatile Subscription subscription;
    private boolean ended;

    SseConnection(Context context, HttpServerRequest request, long retryMillis, Runnable onEnd, LongConsumer bytesWritten) {
        this.bytesWritten = bytesWritten;
        this.version = request.version();
        this.uri = request.uri();
        this.context = context;
        this.drains = DrainQueue.of(context);
        this.response = request.response();
        this.connection = request.connection();
        this.retryMillis = retryMillis;
        this.onEnd = onEnd;
    }

    /** Binds the subscription, and starts writing once the response head is out. Called on the event loop. */
    void attach(Subscription sub) {
        this.subscription = sub;
        this.writer = StreamWriter.of(context, connection, response);
        LOG.debug("stream opened: {}", this);
        response.closeHandler(v -> clientGone());
        response.exceptionHandler(e -> clientGone());
        // The stream reports its own end (onEnd). A routing context's end handlers (ctx.addEndHandler) hook this
        // response and so keep the whole context alive as long as the stream lasts, ~750 bytes a subscriber: drop them.
        response.endHandler(null);
        drain();
    }

    @Override
    public void onReady() {
        if (drainScheduled.compareAndSet(false, true)) {
            drains.add(this);
        }
    }

    @Override
    public void onClosed(CloseReason reason) {
        context.runOnContext(v -> finish(reason));
    }

    /** Writes what the subscription has waiting while the socket takes it; on the event loop only. */
    void drain() {
        drainScheduled.set(false);
        Subscription sub = subscription;
        if (sub == null || ended) {
            return;
        }
        while (!response.writeQueueFull()) {
            if (!writeWaiting(sub)) {
                return;
            }
        }
        response.drainHandler(v -> drain());
    }

    private void finish(CloseReason reason) {
        if (ended) {
            return;
        }
        onEnd.run();
        LOG.debug("stream closed ({}): {}", reason, this);
        switch (reason) {
            case SLOW_CONSUMER -> {
                ended = true;
                // Logged only at debug, above, like every stream's end: a burst that cuts thousands of readers must
                // not flood the log (herald_subscriptions_closed_total{reason="slow_consumer"} counts them).
                // It is not reading, so a polite end would sit in the socket buffer: cut the connection.
                response.reset();
            }
            case SHUTDOWN -> {
                writeQueued();
                ended = true;
                end(("retry: " + jitteredRetry() + "\n\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            case UNAUTHORIZED -> {
                writeQueued();
                ended = true;
                end(AUTH_REQUIRED);
            }
            default -> {
                ended = true;
                response.end();
            }
        }
    }

    private void writeQueued() {
        Subscription sub = subscription;
        if (sub != null) {
            while (writeWaiting(sub)) {
                // each turn writes the next batch
            }
        }
    }

    /**
     * Writes the next events waiting (up to {@link #MAX_WRITE} bytes) in one write (see {@link StreamWriter});
     * false when none waited.
     */
    private boolean writeWaiting(Subscription sub) {
        List<byte[]> batch = drains.batch();
        try {
            if (sub.poll(MAX_WRITE, batch) == 0) {
                return false;
            }
            bytesWritten.accept(writer.write(batch));
            return true;
        } finally {
            batch.clear();
        }
    }

    private void end(byte[] last) {
        response.end(Buffer.buffer(last));
        bytesWritten.accept(last.length);
    }

    /** Spreads reconnects after a shutdown over [retry, 3 x retry] so clients do not come back as one herd. */
    private long jitteredRetry() {
        long base = Math.max(retryMillis, 1000);
        return base + ThreadLocalRandom.current().nextLong(2 * base + 1);
    }

    /** The stream for lifecycle log lines: HTTP version, path and query (tokens in it are masked by the log encoders), peer. */
    @Override
    public String toString() {
        return version + " " + uri + " from " + connection.remoteAddress();
    }

    private void clientGone() {
        if (!ended) {
            onEnd.run();
            LOG.debug("stream closed (client gone): {}", this);
        }
        ended = true;
        Subscription sub = subscription;
        if (sub != null) {
            sub.cancel();
        }
    }
}

package dev.herald.server.internal.http;

import dev.herald.hub.Hub;
import dev.herald.hub.HubClosedException;
import dev.herald.hub.SubscribeRequest;
import dev.herald.hub.Subscription;
import dev.herald.hub.TopicSelector;
import dev.herald.server.internal.auth.MercureClaims;
import dev.herald.sse.SseEncoder;
import dev.herald.sse.SseEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Opens {@code text/event-stream} responses on the hub: the headers that keep proxies from buffering, a
 * first comment that advertises the heartbeat interval (and a {@code retry:}), then the subscription's
 * bytes. Shared by the Mercure endpoint and the seed's {@code /api/events}, so both behave alike.
 */
public final class EventStreams {

    /** Response header carrying the heartbeat interval in milliseconds, so clients can size a read timeout. */
    public static final String HEARTBEAT_HEADER = "Herald-Heartbeat-Ms";
    /** Response header set when the requested Last-Event-ID was not in the retained history. */
    public static final String HISTORY_GAP_HEADER = "Herald-History-Gap";

    private final Hub hub;
    private final long heartbeatMillis;
    /** One string for every stream's header: responses keep their headers as long as they last. */
    private final String heartbeatHeader;
    private final long retryMillis;
    private final HubCalls calls;
    private final List<StreamObserver> observers;
    private final LongConsumer bytesWritten;
    private final java.util.concurrent.atomic.AtomicInteger openStreams = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Streams over {@code hub} advertising {@code heartbeatMillis} (0 = none) and sending {@code retryMillis}
     * (0 = none), telling {@code observers} when each opens and ends; {@code blockingLog} says the hub's log
     * does I/O, so log reads must leave the event loop.
     */
    public EventStreams(Hub hub, long heartbeatMillis, long retryMillis, boolean blockingLog, List<StreamObserver> observers) {
        this(hub, heartbeatMillis, retryMillis, blockingLog, observers, bytes -> { });
    }

    /** Streams as above that report every write's size to {@code bytesWritten} (a metric). */
    public EventStreams(Hub hub, long heartbeatMillis, long retryMillis, boolean blockingLog, List<StreamObserver> observers,
                        LongConsumer bytesWritten) {
        this.bytesWritten = bytesWritten;
        this.hub = hub;
        this.heartbeatMillis = heartbeatMillis;
        this.heartbeatHeader = String.valueOf(heartbeatMillis);
        this.retryMillis = retryMillis;
        this.calls = new HubCalls(blockingLog);
        this.observers = List.copyOf(observers);
    }

    /** Streams over an in-memory log with no observers. */
    public EventStreams(Hub hub, long heartbeatMillis, long retryMillis) {
        this(hub, heartbeatMillis, retryMillis, false, List.of());
    }

    /** Where hub calls that may touch the log run (publishes, resuming subscribes). */
    public HubCalls hubCalls() {
        return calls;
    }

    /**
     * Subscribes the request to {@code selectors} with {@code claims} and starts the stream, writing
     * {@code firstEvents} after the preamble and before any update.
     */
    public void open(RoutingContext ctx, List<TopicSelector> selectors, MercureClaims claims, List<SseEvent> firstEvents) {
        open(ctx, selectors, claims, firstEvents, lastEventId(ctx));
    }

    /**
     * {@link #open(RoutingContext, List, MercureClaims, List)} resuming after {@code lastEventId} (null: live only)
     * instead of what the request says. A live-only stream is registered with the hub when this returns, so
     * what is published afterwards reaches it.
     */
    public void open(RoutingContext ctx, List<TopicSelector> selectors, MercureClaims claims, List<SseEvent> firstEvents,
                     String lastEventId) {
        SubscribeRequest request = new SubscribeRequest(selectors, claims.subscribe(), lastEventId);
        List<Runnable> onEnd = new ArrayList<>(observers.size() + 1);
        onEnd.add(openStreams::decrementAndGet);
        SseConnection connection = new SseConnection(Vertx.currentContext(), ctx.request(), retryMillis,
                () -> onEnd.forEach(Runnable::run), bytesWritten);
        if (request.lastEventId() == null) {
            // A live-only subscribe reads nothing from the log: it stays on the event loop.
            begin(ctx, claims, subscribe(request, connection), connection, onEnd, firstEvents);
        } else {
            calls.run(ctx, () -> subscribe(request, connection),
                    subscription -> begin(ctx, claims, subscription, connection, onEnd, firstEvents));
        }
    }

    private Subscription subscribe(SubscribeRequest request, SseConnection connection) {
        try {
            return hub.subscribe(request, connection);
        } catch (HubClosedException closed) {
            throw HttpError.unavailable(closed.getMessage(), 1);
        }
    }

    private void begin(RoutingContext ctx, MercureClaims claims, Subscription subscription, SseConnection connection,
                       List<Runnable> onEnd, List<SseEvent> firstEvents) {
        HttpServerResponse response = ctx.response();
        if (response.closed()) {
            // The client left while the subscribe read the log off the event loop: no close event will come.
            subscription.cancel();
            return;
        }
        openStreams.incrementAndGet();
        try {
            for (StreamObserver observer : observers) {
                onEnd.add(observer.opened(ctx, subscription, claims));
            }
            startResponse(response, subscription, firstEvents);
            forgetRequest(ctx);
        } catch (RuntimeException e) {
            // Nothing may keep a subscription whose stream never started.
            subscription.cancel();
            onEnd.forEach(Runnable::run);
            throw e;
        }
        connection.attach(subscription);
    }

    /**
     * Drops the request's headers and parameters once the stream's head is out: Vert.x keeps the request as long as
     * the response lasts, and a browser's headers (cookies, user agent, client hints) would otherwise cost every
     * subscriber a kilobyte or more for hours. Everything the stream needs was read from them at the subscribe.
     */
    private static void forgetRequest(RoutingContext ctx) {
        ctx.request().headers().clear();
        ctx.request().params().clear();
    }

    private void startResponse(HttpServerResponse response, Subscription subscription, List<SseEvent> firstEvents) {
        response.setStatusCode(200)
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no")
                .putHeader(HEARTBEAT_HEADER, heartbeatHeader)
                .putHeader("Last-Event-ID", subscription.lastEventIdHeader());
        if (subscription.missedHistory()) {
            response.putHeader(HISTORY_GAP_HEADER, "true");
        }
        byte[] preamble = preamble(firstEvents);
        response.write(Buffer.buffer(preamble));
        bytesWritten.accept(preamble.length);
    }

    /** Streams open now; shutdown waits for this to reach zero so every stream gets its final {@code retry:}. */
    public int openStreams() {
        return openStreams.get();
    }

    private byte[] preamble(List<SseEvent> firstEvents) {
        Long retry = retryMillis > 0 ? retryMillis : null;
        StringBuilder text = new StringBuilder(SseEncoder.encodeToString(
                new SseEvent(null, null, null, retry, "herald heartbeat-ms=" + heartbeatMillis)));
        for (SseEvent event : firstEvents) {
            text.append(SseEncoder.encodeToString(event));
        }
        return text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The resume point, null for none: the {@code Last-Event-ID} header (sent by reconnecting browsers) wins over
     * the {@code lastEventID} query parameter.
     */
    public static String lastEventId(RoutingContext ctx) {
        String header = ctx.request().getHeader("Last-Event-ID");
        // No query, no parameter: asking anyway would build (and keep, for the stream's life) an empty parameter map.
        String id = header != null && !header.isEmpty() ? header
                : ctx.request().query() == null ? null : ctx.request().getParam("lastEventID");
        if (id == null || id.isEmpty()) {
            return null;
        }
        if (id.indexOf('\r') >= 0 || id.indexOf('\n') >= 0 || id.indexOf('\0') >= 0) {
            throw HttpError.badRequest("Last-Event-ID must not contain CR, LF or NUL: no update has such an id");
        }
        return id;
    }
}

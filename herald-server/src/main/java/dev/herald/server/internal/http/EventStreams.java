package dev.herald.server.internal.http;

import dev.herald.hub.Hub;
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
    private final long retryMillis;
    private final List<StreamObserver> observers;
    private final java.util.concurrent.atomic.AtomicInteger openStreams = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Streams over {@code hub} advertising {@code heartbeatMillis} (0 = none) and sending {@code retryMillis}
     * (0 = none), telling {@code observers} when each opens and ends.
     */
    public EventStreams(Hub hub, long heartbeatMillis, long retryMillis, List<StreamObserver> observers) {
        this.hub = hub;
        this.heartbeatMillis = heartbeatMillis;
        this.retryMillis = retryMillis;
        this.observers = List.copyOf(observers);
    }

    /** Streams with no observers. */
    public EventStreams(Hub hub, long heartbeatMillis, long retryMillis) {
        this(hub, heartbeatMillis, retryMillis, List.of());
    }

    /**
     * Subscribes the request to {@code selectors} with {@code claims} and starts the stream, writing
     * {@code firstEvents} after the preamble and before any update.
     */
    public void open(RoutingContext ctx, List<TopicSelector> selectors, MercureClaims claims, List<SseEvent> firstEvents) {
        SubscribeRequest request = new SubscribeRequest(selectors, claims.subscribe(), lastEventId(ctx));
        HttpServerResponse response = ctx.response();
        List<Runnable> onEnd = new ArrayList<>(observers.size() + 1);
        onEnd.add(openStreams::decrementAndGet);
        SseConnection connection = new SseConnection(Vertx.currentContext(), response, retryMillis,
                () -> onEnd.forEach(Runnable::run));
        Subscription subscription;
        try {
            subscription = hub.subscribe(request, connection);
        } catch (IllegalStateException closed) {
            throw HttpError.unavailable("the hub is shutting down; reconnect to another node", 1);
        }
        openStreams.incrementAndGet();
        for (StreamObserver observer : observers) {
            onEnd.add(observer.opened(ctx, subscription, claims));
        }
        response.setStatusCode(200)
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no")
                .putHeader(HEARTBEAT_HEADER, String.valueOf(heartbeatMillis))
                .putHeader("Last-Event-ID", subscription.lastEventIdHeader());
        if (subscription.missedHistory()) {
            response.putHeader(HISTORY_GAP_HEADER, "true");
        }
        response.write(Buffer.buffer(preamble(firstEvents)));
        connection.attach(subscription);
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

    /** The resume point: the {@code Last-Event-ID} header (sent by reconnecting browsers) wins over the {@code lastEventID} query parameter. */
    private static String lastEventId(RoutingContext ctx) {
        String header = ctx.request().getHeader("Last-Event-ID");
        if (header != null && !header.isEmpty()) {
            return header;
        }
        String query = ctx.request().getParam("lastEventID");
        return query == null || query.isEmpty() ? null : query;
    }
}

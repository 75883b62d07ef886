package dev.herald.server.internal.limits;

import dev.herald.hub.Subscription;
import dev.herald.server.internal.auth.MercureClaims;
import dev.herald.server.internal.http.HttpError;
import dev.herald.server.internal.http.StreamObserver;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds client connections and how long they may dawdle.
 *
 * <ul>
 *   <li>{@code --max-connections} and {@code --max-connections-per-ip}: a connection over either bound is
 *       not dropped silently; its first request is answered 503 with {@code Retry-After}, then it is closed.
 *       Stops one client (or a botnet) from holding every socket and file descriptor.</li>
 *   <li>{@code --request-timeout}: a connection with no open event stream must complete a request every
 *       so often, or it is closed; stops slowloris clients that trickle a request head or body, or park
 *       idle keep-alive connections, to exhaust connections. Event streams are long by design and exempt.</li>
 * </ul>
 *
 * <p>One shared sweep checks deadlines, no timer per connection. The tables hold only open connections
 * (entries leave in the close handler). Thread-safe.
 */
public final class ConnectionGuard implements StreamObserver {

    /** Seconds a refused client is asked to wait. */
    static final long RETRY_AFTER_SECONDS = 5;

    private static final class Tracked {
        final String ip;
        final boolean refused;
        final AtomicInteger streams = new AtomicInteger();
        volatile long lastProgressNanos;

        Tracked(String ip, boolean refused, long now) {
            this.ip = ip;
            this.refused = refused;
            this.lastProgressNanos = now;
        }
    }

    private final int maxConnections;
    private final int maxPerIp;
    private final long timeoutNanos;
    private final LimitEvents events;
    private final Map<HttpConnection, Tracked> connections = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perIp = new ConcurrentHashMap<>();
    private final AtomicInteger admitted = new AtomicInteger();

    /** A guard with the given bounds, reporting to {@code events}. */
    public ConnectionGuard(int maxConnections, int maxPerIp, int requestTimeoutSeconds, LimitEvents events) {
        this.maxConnections = maxConnections;
        this.maxPerIp = maxPerIp;
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(requestTimeoutSeconds);
        this.events = events;
    }

    /** The server's connection handler: admits or marks a new connection. */
    public void onConnection(HttpConnection connection) {
        String ip = connection.remoteAddress() == null ? "unknown" : connection.remoteAddress().hostAddress();
        String refusedBy = reserve(ip);
        Tracked tracked = new Tracked(ip, refusedBy != null, System.nanoTime());
        connections.put(connection, tracked);
        connection.closeHandler(v -> {
            connections.remove(connection);
            if (!tracked.refused) {
                release(ip);
            }
        });
        if (refusedBy != null) {
            events.bit(refusedBy, "a connection from " + ip);
        }
    }

    /** The first route handler: refuses requests on connections over a bound, and notes progress for the timeout. */
    public void admit(RoutingContext ctx) {
        HttpConnection connection = ctx.request().connection();
        Tracked tracked = connections.get(connection);
        if (tracked != null) {
            if (tracked.refused) {
                if (ctx.request().version() != HttpVersion.HTTP_2) {
                    ctx.response().putHeader("Connection", "close");
                }
                ctx.addEndHandler(v -> connection.close());
                throw HttpError.unavailable("too many connections (--max-connections " + maxConnections
                        + ", --max-connections-per-ip " + maxPerIp + "); retry later", RETRY_AFTER_SECONDS);
            }
            tracked.lastProgressNanos = System.nanoTime();
            ctx.addEndHandler(v -> tracked.lastProgressNanos = System.nanoTime());
        }
        ctx.next();
    }

    /**
     * Notes that {@code request} is still receiving its body (a long upload), so {@code --request-timeout} cuts
     * only a body that stops arriving, not one that is merely large.
     */
    public void progressed(io.vertx.core.http.HttpServerRequest request) {
        Tracked tracked = connections.get(request.connection());
        if (tracked != null) {
            tracked.lastProgressNanos = System.nanoTime();
        }
    }

    @Override
    public Runnable opened(RoutingContext ctx, Subscription subscription, MercureClaims claims) {
        Tracked tracked = connections.get(ctx.request().connection());
        if (tracked == null) {
            return () -> { };
        }
        tracked.streams.incrementAndGet();
        return () -> {
            tracked.streams.decrementAndGet();
            tracked.lastProgressNanos = System.nanoTime();
        };
    }

    /** Closes connections without an event stream that made no progress within the timeout; returns how many. */
    public int sweep() {
        long now = System.nanoTime();
        int closed = 0;
        for (Map.Entry<HttpConnection, Tracked> entry : connections.entrySet()) {
            Tracked tracked = entry.getValue();
            if (tracked.streams.get() == 0 && now - tracked.lastProgressNanos > timeoutNanos) {
                tracked.lastProgressNanos = now;
                events.bit("--request-timeout", "an idle or trickling connection from " + tracked.ip);
                entry.getKey().close();
                closed++;
            }
        }
        return closed;
    }

    /** Open connections, admitted or refused. */
    public int openConnections() {
        return connections.size();
    }

    /** Distinct client addresses with admitted connections. */
    public int trackedAddresses() {
        return perIp.size();
    }

    /** Reserves a slot for {@code ip}; returns null when admitted, else the flag of the bound that refused it. */
    private String reserve(String ip) {
        if (admitted.incrementAndGet() > maxConnections) {
            admitted.decrementAndGet();
            return "--max-connections";
        }
        boolean[] over = {false};
        perIp.compute(ip, (k, count) -> {
            AtomicInteger c = count == null ? new AtomicInteger() : count;
            if (c.get() >= maxPerIp) {
                over[0] = true;
            } else {
                c.incrementAndGet();
            }
            return c.get() == 0 ? null : c;
        });
        if (over[0]) {
            admitted.decrementAndGet();
            return "--max-connections-per-ip";
        }
        return null;
    }

    private void release(String ip) {
        admitted.decrementAndGet();
        perIp.computeIfPresent(ip, (k, count) -> count.decrementAndGet() == 0 ? null : count);
    }
}

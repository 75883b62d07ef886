package dev.herald.server.internal.metrics;

import dev.herald.hub.Subscription;
import dev.herald.server.internal.auth.MercureClaims;
import dev.herald.server.internal.http.StreamObserver;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts open event streams by HTTP version, as the gauge {@code herald_subscriptions_open{transport=…}}. */
public final class OpenStreams implements StreamObserver {

    private final Map<HttpVersion, AtomicInteger> open = new EnumMap<>(HttpVersion.class);

    /** Registers one gauge per HTTP version in {@code metrics}. */
    public OpenStreams(HeraldMetrics metrics) {
        for (HttpVersion version : HttpVersion.values()) {
            AtomicInteger count = new AtomicInteger();
            open.put(version, count);
            metrics.gauge("herald.subscriptions.open", "Event streams open now, by HTTP version", "transport",
                    name(version), count::get);
        }
    }

    @Override
    public Runnable opened(RoutingContext ctx, Subscription subscription, MercureClaims claims) {
        AtomicInteger count = open.get(ctx.request().version());
        count.incrementAndGet();
        return count::decrementAndGet;
    }

    private static String name(HttpVersion version) {
        return switch (version) {
            case HTTP_1_0 -> "HTTP/1.0";
            case HTTP_1_1 -> "HTTP/1.1";
            case HTTP_2 -> "HTTP/2";
        };
    }
}

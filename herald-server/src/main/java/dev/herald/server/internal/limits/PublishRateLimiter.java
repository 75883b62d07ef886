package dev.herald.server.internal.limits;

import dev.herald.server.internal.auth.MercureClaims;
import dev.herald.server.internal.http.HttpError;
import dev.herald.server.internal.http.PublishPolicy;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code --publish-rate}: publishes per second per publisher, identified by its JWT {@code sub}, else by its
 * IP address, with a burst of the same size; beyond it 429 with {@code Retry-After}. Thread-safe.
 */
public final class PublishRateLimiter implements PublishPolicy {

    /**
     * Buckets kept at most. Only authenticated publishers get one, and a bucket that refilled is dropped by
     * {@link #sweep()}, so this only bites when this many publishers are all busy at once; then the
     * oldest state is dropped rather than memory growing without bound.
     */
    static final int MAX_BUCKETS = 100_000;

    private final int ratePerSecond;
    private final LimitEvents events;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    /** A limiter allowing {@code ratePerSecond} publishes a second per publisher; 0 = unlimited. */
    public PublishRateLimiter(int ratePerSecond, LimitEvents events) {
        this.ratePerSecond = ratePerSecond;
        this.events = events;
    }

    /** Counts one publish of the authorized publisher of {@code request}, or throws 429 when it is over its rate. */
    @Override
    public void check(HttpServerRequest request, MercureClaims claims) {
        if (ratePerSecond == 0) {
            return;
        }
        String key = claims.subject() != null ? "sub:" + claims.subject()
                : "ip:" + (request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress());
        if (buckets.size() >= MAX_BUCKETS) {
            sweep();
            if (buckets.size() >= MAX_BUCKETS) {
                buckets.clear();
            }
        }
        long now = System.nanoTime();
        long wait = buckets.computeIfAbsent(key, k -> new TokenBucket(ratePerSecond, ratePerSecond, now)).take(now);
        if (wait > 0) {
            events.bit("--publish-rate", "publisher " + (claims.subject() != null ? "with a sub claim" : "by IP"));
            throw HttpError.tooManyRequests("publishing faster than " + ratePerSecond
                    + " updates per second (--publish-rate); retry after " + wait + " s", wait);
        }
    }

    /** Drops buckets that refilled completely; run periodically to keep the map to active publishers. */
    public void sweep() {
        long now = System.nanoTime();
        buckets.values().removeIf(bucket -> bucket.full(now));
    }

    int size() {
        return buckets.size();
    }
}

package dev.herald.server.internal.http;

import dev.herald.hub.CloseReason;
import dev.herald.hub.Subscription;
import dev.herald.server.internal.auth.MercureClaims;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ends streams whose token expired: one shared sweep (like the heartbeat one, no timer per connection)
 * takes the streams past their token's {@code exp} (plus leeway), in expiry order, and closes them with
 * {@link CloseReason#UNAUTHORIZED}; the connection then sends an {@code auth_required} event, so the page
 * can renew its cookie and reconnect with {@code Last-Event-ID}. Thread-safe.
 */
public final class ExpiringStreams implements StreamObserver {

    private record Key(long expiresAtMillis, long sequence) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byTime = Long.compare(expiresAtMillis, other.expiresAtMillis);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    // Entries leave when their stream ends, so the map holds at most the open streams.
    private final ConcurrentSkipListMap<Key, Subscription> byExpiry = new ConcurrentSkipListMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Clock clock;

    /** Streams timed by {@code clock}. */
    public ExpiringStreams(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Runnable opened(RoutingContext ctx, Subscription subscription, MercureClaims claims) {
        return claims.validUntil() == null ? () -> { } : track(subscription, claims.validUntil());
    }

    /** Watches {@code subscription} until {@code validUntil}; the returned action stops watching it. */
    Runnable track(Subscription subscription, Instant validUntil) {
        Key key = new Key(validUntil.toEpochMilli(), sequence.incrementAndGet());
        byExpiry.put(key, subscription);
        return () -> byExpiry.remove(key);
    }

    /** Closes every stream whose token has expired by now; returns how many. */
    public int sweep() {
        Map<Key, Subscription> due = byExpiry.headMap(new Key(clock.millis(), Long.MAX_VALUE));
        int closed = 0;
        for (var iterator = due.entrySet().iterator(); iterator.hasNext(); ) {
            Subscription subscription = iterator.next().getValue();
            iterator.remove();
            subscription.close(CloseReason.UNAUTHORIZED);
            closed++;
        }
        return closed;
    }

    /** Streams being watched. */
    public int size() {
        return byExpiry.size();
    }
}

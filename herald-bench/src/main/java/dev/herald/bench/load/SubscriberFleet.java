package dev.herald.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.PoolOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * N subscriptions spread over topics and over source addresses 127.0.0.f..127.0.0.(f+k-1), so N can pass
 * the ~28k ephemeral ports of one address. Each scans its stream for payloads ({@link PayloadScanner}, no
 * allocation per event) and reports to {@link Measurements}; a chosen fraction stop reading after their
 * first payload to play slow consumers.
 */
final class SubscriberFleet {

    private final URI hub;
    private final Protocol protocol;
    private final Measurements measurements;
    private final List<HttpClient> clients = new ArrayList<>();
    private final List<HttpClientResponse> slowOnes = new ArrayList<>();

    SubscriberFleet(Vertx vertx, URI hub, Protocol protocol, int firstSource, int sources, int subscribers,
                    Measurements measurements) {
        this.hub = hub;
        this.protocol = protocol;
        this.measurements = measurements;
        int perSource = subscribers / sources + 1;
        for (int i = firstSource; i < firstSource + sources; i++) {
            HttpClientOptions options = new HttpClientOptions().setLocalAddress("127.0.0." + i).setKeepAlive(true)
                    .setConnectTimeout(30_000).setIdleTimeout(0);
            clients.add(vertx.httpClientBuilder().with(options).with(new PoolOptions().setHttp1MaxSize(perSource)
                    .setMaxWaitQueueSize(-1)).build());
        }
    }

    /** Opens subscription {@code index} following {@code topic}; {@code slow} ones stop reading after their first payload. */
    Future<Void> open(int index, String topic, boolean slow) {
        HttpClient client = clients.get(index % clients.size());
        return client.request(protocol.subscribeRequest(hub, topic)).compose(req -> req.send()).map(response -> {
            if (response.statusCode() != 200) {
                measurements.failedConnects.increment();
                response.request().connection().close();
                return null;
            }
            measurements.connected.increment();
            Subscription subscription = new Subscription(measurements, slow);
            PayloadScanner scanner = new PayloadScanner(subscription);
            if (slow) {
                subscription.onFirst = response::pause;
                synchronized (slowOnes) {
                    slowOnes.add(response);
                }
            }
            response.handler(scanner::feed);
            response.exceptionHandler(e -> subscription.end(slow));
            response.endHandler(v -> subscription.end(slow));
            return null;
        }).otherwise(failure -> {
            measurements.failedConnects.increment();
            return null;
        }).mapEmpty();
    }

    /**
     * Lets the slow subscribers read again, so the ones the server cut (it may have closed them while they did
     * not read) notice it; {@link Measurements#slowCut} counts them within a few seconds.
     */
    void resumeSlow() {
        synchronized (slowOnes) {
            slowOnes.forEach(HttpClientResponse::resume);
        }
    }

    void close() {
        clients.forEach(HttpClient::close);
    }

    /**
     * One subscription's accounting: latency, and updates seen twice (by sequence, counted once as delivered). Concurrent publishes may
     * arrive in any order, so order means nothing; losses are the shortfall against what was accepted.
     */
    static final class Subscription implements PayloadScanner.Listener {
        private final Measurements measurements;
        private final boolean slow;
        private final BitSet seen = new BitSet();
        Runnable onFirst;
        private boolean ended;

        Subscription(Measurements measurements, boolean slow) {
            this.measurements = measurements;
            this.slow = slow;
        }

        /** The stream ended or failed: the server closed it (counted once). */
        void end(boolean slowOne) {
            if (!ended) {
                ended = true;
                (slowOne ? measurements.slowCut : measurements.cut).increment();
            }
        }

        @Override
        public void onPayload(long sendNanos, long sequence) {
            int index = (int) sequence;
            if (seen.get(index)) {
                // Counted apart, never as a delivery: a double must not hide a loss.
                measurements.duplicates.increment();
                return;
            }
            seen.set(index);
            measurements.received(sendNanos, System.nanoTime(), slow);
            if (onFirst != null) {
                onFirst.run();
                onFirst = null;
            }
        }
    }
}

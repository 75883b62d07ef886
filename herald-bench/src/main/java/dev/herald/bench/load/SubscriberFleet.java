package dev.herald.bench.load;

import dev.herald.sse.MessageEvent;
import dev.herald.sse.SseListener;
import dev.herald.sse.SseParser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * N subscriptions spread over topics and over source addresses 127.0.0.1..127.0.0.k, so N can pass the
 * ~28k ephemeral ports of one address. Each parses its stream and reports to {@link Measurements}; a chosen
 * fraction stop reading after their first event to play slow consumers.
 */
final class SubscriberFleet {

    private final Vertx vertx;
    private final URI hub;
    private final Measurements measurements;
    private final List<HttpClient> clients = new ArrayList<>();

    SubscriberFleet(Vertx vertx, URI hub, int sources, int subscribers, Measurements measurements) {
        this.vertx = vertx;
        this.hub = hub;
        this.measurements = measurements;
        int perSource = subscribers / sources + 1;
        for (int i = 1; i <= sources; i++) {
            HttpClientOptions options = new HttpClientOptions().setLocalAddress("127.0.0." + i).setKeepAlive(true)
                    .setConnectTimeout(30_000).setIdleTimeout(0);
            clients.add(vertx.httpClientBuilder().with(options).with(new PoolOptions().setHttp1MaxSize(perSource)
                    .setMaxWaitQueueSize(-1)).build());
        }
    }

    /** Opens subscription {@code index} following {@code topic}; {@code slow} ones stop reading after their first event. */
    Future<Void> open(int index, String topic, boolean slow) {
        HttpClient client = clients.get(index % clients.size());
        String uri = hub.getRawPath() + "?topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8);
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(hub.getHost())
                .setPort(hub.getPort()).setURI(uri).putHeader("Accept", "text/event-stream");
        return client.request(request).compose(req -> req.send()).map(response -> {
            if (response.statusCode() != 200) {
                measurements.failedConnects.increment();
                return null;
            }
            measurements.connected.increment();
            SequenceCheck check = new SequenceCheck(measurements);
            SseParser parser = new SseParser(new SseListener() {
                @Override
                public void onEvent(MessageEvent event) {
                    Payload payload = Payload.decode(event.data());
                    if (payload != null) {
                        measurements.received(payload, System.nanoTime(), slow);
                        check.saw(payload.sequence());
                        if (slow) {
                            response.pause();
                        }
                    }
                }
            });
            response.handler(buffer -> parser.feed(buffer.getBytes()));
            response.exceptionHandler(e -> measurements.cut.increment());
            response.endHandler(v -> measurements.cut.increment());
            return null;
        }).otherwise(failure -> {
            measurements.failedConnects.increment();
            return null;
        }).mapEmpty();
    }

    void close() {
        clients.forEach(HttpClient::close);
    }

    /**
     * Counts updates seen twice by one subscription. Concurrent publishes reach the log in any order, so order
     * against the publisher's sequence means nothing; losses are the shortfall against what was accepted.
     */
    private static final class SequenceCheck {
        private final Measurements measurements;
        private final java.util.BitSet seen = new java.util.BitSet();

        SequenceCheck(Measurements measurements) {
            this.measurements = measurements;
        }

        void saw(long sequence) {
            int index = (int) sequence;
            if (seen.get(index)) {
                measurements.duplicates.increment();
            }
            seen.set(index);
        }
    }
}

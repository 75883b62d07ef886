package dev.herald.bench.load;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Publishes at a steady rate over keep-alive connections: every millisecond it sends the updates due by then,
 * round-robin over the topics, each topic with its own sequence so subscribers can spot doubles. Counts what
 * the server accepted (any 2xx) per topic, the basis of the expected deliveries.
 */
final class Publisher {

    private final Vertx vertx;
    private final URI hub;
    private final Protocol protocol;
    private final String token;
    private final List<String> topics;
    private final int payloadBytes;
    private final HttpClient client;
    private final long[] sequences;
    final LongAdder accepted = new LongAdder();
    final AtomicLongArray acceptedPerTopic;
    final LongAdder refused = new LongAdder();
    private long sent;

    Publisher(Vertx vertx, URI hub, Protocol protocol, String token, List<String> topics, int payloadBytes) {
        this.vertx = vertx;
        this.hub = hub;
        this.protocol = protocol;
        this.token = token;
        this.topics = topics;
        this.payloadBytes = payloadBytes;
        this.sequences = new long[topics.size()];
        this.acceptedPerTopic = new AtomicLongArray(topics.size());
        this.client = vertx.httpClientBuilder().with(new HttpClientOptions().setKeepAlive(true))
                .with(new PoolOptions().setHttp1MaxSize(32).setMaxWaitQueueSize(-1)).build();
    }

    /** Publishes {@code ratePerSecond} updates per second for {@code seconds}; calls {@code done} at the end. */
    void run(int ratePerSecond, int seconds, Runnable done) {
        long start = System.nanoTime();
        long first = sent;
        long total = (long) ratePerSecond * seconds;
        vertx.setPeriodic(1, id -> {
            long elapsedNanos = System.nanoTime() - start;
            long due = Math.min(total, elapsedNanos * ratePerSecond / 1_000_000_000L);
            while (sent - first < due) {
                publishOne((int) (sent++ % topics.size()));
            }
            if (sent - first >= total) {
                vertx.cancelTimer(id);
                done.run();
            }
        });
    }

    private void publishOne(int topicIndex) {
        String topic = topics.get(topicIndex);
        String body = protocol.body(topic, Payload.encode(System.nanoTime(), sequences[topicIndex]++, payloadBytes));
        RequestOptions request = protocol.publishRequest(hub, topic);
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        client.request(request).compose(req -> req.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(ignored -> response.statusCode())).onComplete(result -> {
            int status = result.succeeded() ? result.result() : 0;
            if (status >= 200 && status < 300) {
                // Per topic first: a step waits for `accepted` to reach its count, then reads the per-topic
                // counts, which must by then include this publish (the other order lost one now and then).
                acceptedPerTopic.incrementAndGet(topicIndex);
                accepted.increment();
            } else {
                refused.increment();
            }
        });
    }

    void close() {
        client.close();
    }
}

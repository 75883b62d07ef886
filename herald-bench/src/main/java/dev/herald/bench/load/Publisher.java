package dev.herald.bench.load;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Publishes at a steady rate over keep-alive connections: every millisecond it sends the updates due by then,
 * each topic with its own sequence so subscribers can count what they missed.
 */
final class Publisher {

    private final Vertx vertx;
    private final URI hub;
    private final String token;
    private final List<String> topics;
    private final int payloadBytes;
    private final HttpClient client;
    private final long[] sequences;
    final LongAdder accepted = new LongAdder();
    final java.util.concurrent.atomic.AtomicLongArray acceptedPerTopic;
    final LongAdder refused = new LongAdder();
    private final AtomicLong sent = new AtomicLong();

    Publisher(Vertx vertx, URI hub, String token, List<String> topics, int payloadBytes) {
        this.vertx = vertx;
        this.hub = hub;
        this.token = token;
        this.topics = topics;
        this.payloadBytes = payloadBytes;
        this.sequences = new long[topics.size()];
        this.acceptedPerTopic = new java.util.concurrent.atomic.AtomicLongArray(topics.size());
        this.client = vertx.httpClientBuilder().with(new HttpClientOptions().setKeepAlive(true))
                .with(new PoolOptions().setHttp1MaxSize(32)).build();
    }

    /** Publishes {@code ratePerSecond} updates per second for {@code seconds}; calls {@code done} at the end. */
    void run(int ratePerSecond, int seconds, Runnable done) {
        long start = System.nanoTime();
        long total = (long) ratePerSecond * seconds;
        vertx.setPeriodic(1, id -> {
            long elapsedNanos = System.nanoTime() - start;
            long due = Math.min(total, elapsedNanos * ratePerSecond / 1_000_000_000L);
            while (sent.get() < due) {
                publishOne((int) (sent.getAndIncrement() % topics.size()));
            }
            if (sent.get() >= total) {
                vertx.cancelTimer(id);
                done.run();
            }
        });
    }

    private void publishOne(int topicIndex) {
        String body = "topic=" + URLEncoder.encode(topics.get(topicIndex), StandardCharsets.UTF_8)
                + "&data=" + URLEncoder.encode(Payload.encode(System.nanoTime(), sequences[topicIndex]++, payloadBytes),
                StandardCharsets.UTF_8);
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(hub.getHost())
                .setPort(hub.getPort()).setURI(hub.getRawPath())
                .putHeader("Content-Type", "application/x-www-form-urlencoded");
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        client.request(request).compose(req -> req.send(Buffer.buffer(body))).onComplete(result -> {
            if (result.succeeded() && result.result().statusCode() == 200) {
                accepted.increment();
                acceptedPerTopic.incrementAndGet(topicIndex);
            } else {
                refused.increment();
            }
        });
    }

    long sent() {
        return sent.get();
    }

    void close() {
        client.close();
    }
}

package dev.herald.bench.load;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * An SSE load test against a hub on loopback: opens subscriptions at a set ramp, publishes at a set rate for a
 * bounded time, and prints one JSON summary line (connections, delivered events/s, lost events, latency
 * percentiles, the server's RSS before and after when given its PID). It measures; it asserts nothing.
 */
@Command(name = "herald-load", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Load-tests a Mercure hub (Herald or a peer) on loopback and prints a JSON summary line.")
public final class LoadGenerator implements Callable<Integer> {

    @Option(names = "--hub", defaultValue = "http://127.0.0.1:8080/.well-known/mercure", description = "Hub endpoint (loopback only).")
    URI hub;
    @Option(names = "--publish-hub", description = "Hub endpoint to publish to (loopback only); default: --hub. Another node of a cluster measures delivery through Redis.")
    URI publishHub;
    @Option(names = "--subscribers", defaultValue = "1000", description = "Subscriptions to open.")
    int subscribers;
    @Option(names = "--topics", defaultValue = "1", description = "Topics the subscriptions and updates spread over.")
    int topics;
    @Option(names = "--sources", defaultValue = "1", description = "Source addresses 127.0.0.1..127.0.0.N to connect from.")
    int sources;
    @Option(names = "--ramp", defaultValue = "5000", description = "Subscriptions opened per second.")
    int ramp;
    @Option(names = "--rate", defaultValue = "100", description = "Updates published per second.")
    int rate;
    @Option(names = "--duration", defaultValue = "10", description = "Seconds of publishing (at most 60).")
    int duration;
    @Option(names = "--payload", defaultValue = "100", description = "Bytes of data per update.")
    int payload;
    @Option(names = "--slow-fraction", defaultValue = "0", description = "Fraction of subscribers that stop reading after their first event.")
    double slowFraction;
    @Option(names = "--token", description = "Publisher JWT (not needed for a development-mode Herald on loopback).")
    String token;
    @Option(names = "--server-pid", description = "The hub's PID, to report its resident memory before and after.")
    Long serverPid;
    @Option(names = "--label", defaultValue = "herald", description = "A name for this run in the summary.")
    String label;

    /** Runs the load test with command-line arguments. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadGenerator()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        requireLoopback();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        Measurements measurements = new Measurements();
        long rssBefore = rssKib();
        List<String> topicNames = new ArrayList<>();
        for (int t = 0; t < topics; t++) {
            topicNames.add("/bench/" + t);
        }
        SubscriberFleet fleet = new SubscriberFleet(vertx, hub, sources, subscribers, measurements);
        int slowCount = (int) Math.round(subscribers * slowFraction);
        long connectStart = System.nanoTime();
        openAll(vertx, fleet, topicNames, slowCount).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        long rssConnected = rssKib();

        Publisher publisher = new Publisher(vertx, publishHub == null ? hub : publishHub, token, topicNames, payload);
        measurements.latencyMicros.reset();
        CompletableFuture<Void> published = new CompletableFuture<>();
        long publishStart = System.nanoTime();
        publisher.run(rate, duration, () -> published.complete(null));
        published.get(duration + 30L, TimeUnit.SECONDS);
        double publishSeconds = (System.nanoTime() - publishStart) / 1e9;
        long expected = expectedDeliveries(publisher, slowCount);
        awaitDrain(measurements, expected);
        Histogram latency = measurements.latencyMicros.getIntervalHistogram();
        JsonObject summary = summary(measurements, publisher, expected, latency, connectSeconds, publishSeconds,
                rssBefore, rssConnected, rssKib(), slowCount);
        System.out.println(summary.encode());
        publisher.close();
        fleet.close();
        vertx.close();
        return 0;
    }

    private Future<Void> openAll(Vertx vertx, SubscriberFleet fleet, List<String> topicNames, int slowCount) {
        List<Future<Void>> opened = new ArrayList<>(subscribers);
        CompletableFuture<Void> allStarted = new CompletableFuture<>();
        long perTick = Math.max(1, ramp / 100);
        int[] next = {0};
        vertx.setPeriodic(10, id -> {
            for (int i = 0; i < perTick && next[0] < subscribers; i++, next[0]++) {
                int index = next[0];
                opened.add(fleet.open(index, topicNames.get(index % topicNames.size()), index < slowCount));
            }
            if (next[0] >= subscribers) {
                vertx.cancelTimer(id);
                allStarted.complete(null);
            }
        });
        return Future.fromCompletionStage(allStarted).compose(v -> Future.join(opened)).mapEmpty();
    }

    /** Every accepted update times the fast subscribers of its topic (all subscribed before publishing began). */
    private long expectedDeliveries(Publisher publisher, int slowCount) {
        long expected = 0;
        for (int t = 0; t < topics; t++) {
            int onTopic = 0;
            for (int s = slowCount; s < subscribers; s++) {
                if (s % topics == t) {
                    onTopic++;
                }
            }
            expected += publisher.acceptedPerTopic.get(t) * onTopic;
        }
        return expected;
    }

    private static void awaitDrain(Measurements measurements, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long last = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline && measurements.delivered.sum() < expected) {
            long now = measurements.delivered.sum();
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(3)) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private JsonObject summary(Measurements m, Publisher publisher, long expected, Histogram latency, double connectSeconds,
                               double publishSeconds, long rssBefore, long rssConnected, long rssAfter, int slowCount) {
        long delivered = m.delivered.sum();
        return new JsonObject()
                .put("label", label).put("hub", hub.toString()).put("publishHub", (publishHub == null ? hub : publishHub).toString())
                .put("subscribers", subscribers).put("topics", topics).put("slow", slowCount)
                .put("connected", m.connected.sum()).put("failedConnects", m.failedConnects.sum())
                .put("connectPerSecond", Math.round(m.connected.sum() / connectSeconds))
                .put("rate", rate).put("payload", payload).put("published", publisher.accepted.sum())
                .put("refused", publisher.refused.sum())
                .put("delivered", delivered).put("deliveredPerSecond", Math.round(delivered / publishSeconds))
                .put("lost", Math.max(0, expected - delivered)).put("duplicates", m.duplicates.sum())
                .put("cut", m.cut.sum())
                .put("p50Ms", ms(latency, 50)).put("p90Ms", ms(latency, 90)).put("p99Ms", ms(latency, 99))
                .put("p999Ms", ms(latency, 99.9)).put("maxMs", latency.getMaxValue() / 1000.0)
                .put("serverRssKibBefore", rssBefore).put("serverRssKibConnected", rssConnected)
                .put("serverRssKibAfter", rssAfter);
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Load tests stay on this machine: a mistyped host must not aim a flood of connections at someone else's server. */
    private void requireLoopback(String flag, URI uri) {
        if (uri.getHost() == null || (!uri.getHost().startsWith("127.") && !uri.getHost().equals("localhost"))) {
            throw new CommandLine.ParameterException(new CommandLine(this), flag + " must be on loopback, got " + uri.getHost());
        }
    }

    private long rssKib() {
        if (serverPid == null) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", serverPid.toString(), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private void requireLoopback() {
        requireLoopback("--hub", hub);
        if (publishHub != null) {
            requireLoopback("--publish-hub", publishHub);
        }
        if (duration < 1 || duration > 60) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--duration must be 1..60 seconds, got " + duration);
        }
    }
}

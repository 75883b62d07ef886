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
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * An SSE load test against a server on loopback: opens subscriptions at a set ramp, then either holds them
 * idle ({@code --rate 0}) or publishes at each rate of {@code --rates} for a bounded time, and prints one JSON
 * line per step (connections, delivered events/s, lost events, latency percentiles, the server's RSS when
 * given its PID). It measures; it asserts nothing.
 */
@Command(name = "herald-load", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Load-tests an SSE server (Herald or a peer) on loopback and prints a JSON line per step.")
public final class LoadGenerator implements Callable<Integer> {

    @Option(names = "--hub", defaultValue = "http://127.0.0.1:8080/.well-known/mercure",
            description = "Server address (loopback only); for mercure the hub endpoint, for seed and nchan only host and port count.")
    URI hub;
    @Option(names = "--publish-hub", description = "Server to publish to (loopback only); default: --hub. Another node of a cluster measures delivery through Redis.")
    URI publishHub;
    @Option(names = "--protocol", defaultValue = "mercure",
            description = "mercure (GET ?topic=, POST form), seed (GET /api/events, POST /api/notify JSON; one stream) or nchan (GET /sub/T, POST /pub/T).")
    String protocolName;
    @Option(names = "--subscribers", defaultValue = "1000", description = "Subscriptions to open.")
    int subscribers;
    @Option(names = "--topics", defaultValue = "1", description = "Topics the subscriptions and updates spread over.")
    int topics;
    @Option(names = "--sources", defaultValue = "1", description = "Source addresses to connect from, starting at --first-source.")
    int sources;
    @Option(names = "--first-source", defaultValue = "1", description = "First source address 127.0.0.N (a second generator process takes others).")
    int firstSource;
    @Option(names = "--ramp", defaultValue = "5000", description = "Subscriptions opened per second.")
    int ramp;
    @Option(names = "--rate", defaultValue = "100", description = "Updates published per second; 0 holds the subscriptions idle for --duration.")
    int rate;
    @Option(names = "--rates", split = ",", description = "Steps of rising rates (updates/s), each for --duration, on the same subscriptions; overrides --rate.")
    List<Integer> rates;
    @Option(names = "--stop-p99-ms", defaultValue = "1000", description = "Skip the remaining --rates once a step's p99 exceeds this many ms.")
    double stopP99Ms;
    @Option(names = "--warmup", defaultValue = "0", description = "Seconds of publishing at the first rate before the measured steps, reported nowhere (lets JITs compile).")
    int warmup;
    @Option(names = "--duration", defaultValue = "10", description = "Seconds of publishing per step, or of holding idle (at most 60).")
    int duration;
    @Option(names = "--payload", defaultValue = "100", description = "Characters of payload per update.")
    int payload;
    @Option(names = "--slow-fraction", defaultValue = "0", description = "Fraction of subscribers that stop reading after their first update.")
    double slowFraction;
    @Option(names = "--token", description = "Publisher JWT (not needed for a development-mode Herald on loopback).")
    String token;
    @Option(names = "--server-pid", description = "The server's PID, to report its resident memory.")
    Long serverPid;
    @Option(names = "--label", defaultValue = "herald", description = "A name for the server in the summary.")
    String label;
    @Option(names = "--scenario", defaultValue = "adhoc", description = "A name for the scenario in the summary.")
    String scenario;
    @Option(names = "--part", defaultValue = "1/1", description = "Which of several generator processes sharing one run this is, e.g. 2/2.")
    String part;
    @Option(names = "--run", defaultValue = "1", description = "Which repetition of the benchmark this is (bench/run.sh --repeat), put in every summary line.")
    int run;
    @Option(names = "--timeline", description = "CSV file to write, per 10 ms of publish time, the deliveries and their highest latency, to see when a tail happened.")
    Path timelineFile;

    private Protocol protocol;
    /** Where each summary line goes; standard output unless a test collects them. */
    java.util.function.Consumer<JsonObject> sink = line -> System.out.println(line.encode());

    /** Runs the load test with command-line arguments. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadGenerator()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        validate();
        warmUpAllocator();
        // One loop for the publisher and the timers; the subscribers have their own (SubscriberFleet).
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(true));
        try {
            run(vertx);
        } finally {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // Thousands of connections still closing: the summary is out, the process exit ends them.
            }
        }
        return 0;
    }

    /**
     * Netty's adaptive allocator registers its JFR events on its first chunk, which initializes JFR's metadata
     * and took seconds on a busy machine, on an event loop, in the middle of the first connects. Done here,
     * before anything is timed.
     */
    private static void warmUpAllocator() {
        io.netty.buffer.ByteBufAllocator.DEFAULT.directBuffer(4096).release();
        io.netty.buffer.ByteBufAllocator.DEFAULT.heapBuffer(4096).release();
    }

    private void run(Vertx vertx) throws Exception {
        Timeline timeline = timelineFile == null ? null : new Timeline(System.nanoTime());
        Measurements measurements = new Measurements(timeline);
        long rssBefore = rssKib();
        List<String> topicNames = new ArrayList<>();
        for (int t = 0; t < topics; t++) {
            topicNames.add(protocol.topic(t));
        }
        SubscriberFleet fleet = new SubscriberFleet(hub, protocol, firstSource, sources, measurements);
        int slowCount = (int) Math.round(subscribers * slowFraction);
        long connectStart = System.nanoTime();
        boolean connectTimedOut = false;
        try {
            openAll(vertx, fleet, topicNames, slowCount).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // A server that accepts too slowly is a result, not a crash: measure what did connect, and say so.
            connectTimedOut = true;
        }
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        long rssConnected = rssKib();
        JsonObject connection = new JsonObject()
                .put("server", label).put("scenario", scenario).put("protocol", protocol.name().toLowerCase(Locale.ROOT))
                .put("part", part).put("run", run).put("hub", hub.toString())
                .put("subscribers", subscribers).put("topics", topics).put("slow", slowCount)
                .put("connected", measurements.connected.sum()).put("failedConnects", measurements.failedConnects.sum())
                .put("connectTimedOut", connectTimedOut)
                .put("connectSeconds", round(connectSeconds))
                .put("connectPerSecond", Math.round(measurements.connected.sum() / connectSeconds))
                .put("payload", payload)
                .put("serverRssKibBefore", rssBefore).put("serverRssKibConnected", rssConnected);

        if (rates == null && rate == 0) {
            Thread.sleep(TimeUnit.SECONDS.toMillis(duration));
            sink.accept(connection.copy().put("rate", 0).put("cut", measurements.cut.sum())
                    .put("serverRssKibAfter", rssKib()));
        } else {
            Publisher publisher = new Publisher(vertx, publishHub == null ? hub : publishHub, protocol, token, topicNames, payload);
            long[] fastOnTopic = fastPerTopic(slowCount);
            List<Integer> steps = rates == null ? List.of(rate) : rates;
            if (warmup > 0) {
                CompletableFuture<Void> warmed = new CompletableFuture<>();
                publisher.run(steps.get(0), warmup, () -> warmed.complete(null));
                warmed.get(warmup + 30L, TimeUnit.SECONDS);
                awaitStable(measurements.delivered::sum, Long.MAX_VALUE, 1); // its last deliveries are not the first step's
            }
            for (int step = 0; step < steps.size(); step++) {
                JsonObject result = step(measurements, publisher, fastOnTopic, steps.get(step));
                if (step == steps.size() - 1 && slowCount > 0) {
                    result.put("serverRssKibAfter", rssKib());
                    fleet.resumeSlow();
                    awaitStable(measurements.slowCut::sum, slowCount, 3);
                }
                result.put("slowCut", measurements.slowCut.sum());
                sink.accept(connection.copy().put("step", step).mergeIn(result).put("serverRssKibAfter",
                        result.containsKey("serverRssKibAfter") ? result.getLong("serverRssKibAfter") : rssKib()));
                if (result.getDouble("p99Ms") > stopP99Ms) {
                    break;
                }
            }
            publisher.close();
        }
        if (timeline != null) {
            timeline.write(timelineFile);
        }
        fleet.close();
    }

    /** One publishing step at {@code stepRate}: what it delivered, lost and how late, counted from the step's start. */
    private JsonObject step(Measurements m, Publisher publisher, long[] fastOnTopic, int stepRate) throws Exception {
        long[] acceptedBefore = new long[fastOnTopic.length];
        for (int t = 0; t < acceptedBefore.length; t++) {
            acceptedBefore[t] = publisher.acceptedPerTopic.get(t);
        }
        long deliveredBefore = m.delivered.sum();
        long publishedBefore = publisher.accepted.sum();
        long refusedBefore = publisher.refused.sum();
        long duplicatesBefore = m.duplicates.sum();
        m.latencyMicros.getIntervalHistogram(); // starts this step's interval
        CompletableFuture<Void> published = new CompletableFuture<>();
        long publishStart = System.nanoTime();
        publisher.run(stepRate, duration, () -> published.complete(null));
        published.get(duration + 30L, TimeUnit.SECONDS);
        double publishSeconds = (System.nanoTime() - publishStart) / 1e9;
        // The last publishes may still await their answers: wait for them before counting what is expected.
        awaitStable(() -> publisher.accepted.sum() + publisher.refused.sum() - publishedBefore - refusedBefore,
                (long) stepRate * duration, 5);
        long expected = 0;
        for (int t = 0; t < fastOnTopic.length; t++) {
            expected += (publisher.acceptedPerTopic.get(t) - acceptedBefore[t]) * fastOnTopic[t];
        }
        long target = deliveredBefore + expected;
        awaitStable(m.delivered::sum, target, 3);
        long delivered = m.delivered.sum() - deliveredBefore;
        Histogram latency = m.latencyMicros.getIntervalHistogram();
        return new JsonObject()
                .put("rate", stepRate).put("published", publisher.accepted.sum() - publishedBefore)
                .put("refused", publisher.refused.sum() - refusedBefore)
                // Publishes with no answer yet: a server whose publish path blocks (the seed's Spring broadcast
                // writing to a subscriber that does not read) shows here, not as a refusal.
                .put("unanswered", (long) stepRate * duration - (publisher.accepted.sum() - publishedBefore)
                        - (publisher.refused.sum() - refusedBefore))
                .put("expected", expected).put("delivered", delivered)
                .put("deliveredPerSecond", Math.round(delivered / publishSeconds))
                .put("lost", Math.max(0, expected - delivered)).put("duplicates", m.duplicates.sum() - duplicatesBefore)
                .put("cut", m.cut.sum())
                .put("p50Ms", ms(latency, 50)).put("p90Ms", ms(latency, 90)).put("p99Ms", ms(latency, 99))
                .put("p999Ms", ms(latency, 99.9)).put("maxMs", latency.getMaxValue() / 1000.0);
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

    /** The fast subscribers of each topic (subscription s follows topic s mod topics; the first slowCount are slow). */
    private long[] fastPerTopic(int slowCount) {
        long[] onTopic = new long[topics];
        for (int s = slowCount; s < subscribers; s++) {
            onTopic[s % topics]++;
        }
        return onTopic;
    }

    /** Waits until {@code counter} reaches {@code target}, or stops moving for {@code quietSeconds}, or 15 s pass. */
    private static void awaitStable(java.util.function.LongSupplier counter, long target, int quietSeconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        long last = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline && counter.getAsLong() < target) {
            long now = counter.getAsLong();
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(quietSeconds)) {
                return;
            }
            Thread.sleep(20);
        }
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** Load tests stay on this machine: a mistyped host must not aim a flood of connections at someone else's server. */
    private void requireLoopback(String flag, URI uri) {
        if (uri.getHost() == null || (!uri.getHost().startsWith("127.") && !uri.getHost().equals("localhost"))) {
            throw new CommandLine.ParameterException(new CommandLine(this), flag + " must be on loopback, got " + uri.getHost());
        }
    }

    private long rssKib() {
        return serverPid == null ? -1 : rssKib(serverPid);
    }

    /**
     * The resident set of process {@code pid} and its descendants in KiB (nginx's connections live in its
     * workers), or -1 if it cannot be read. Pages shared between them (nginx's shared memory zone) count once
     * per process.
     */
    static long rssKib(long pid) {
        long own = rssOf(pid);
        if (own < 0) {
            return -1;
        }
        return own + ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .mapToLong(child -> Math.max(0, rssOf(child.pid()))).sum();
    }

    private static long rssOf(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private void validate() {
        CommandLine cli = new CommandLine(this);
        requireLoopback("--hub", hub);
        if (publishHub != null) {
            requireLoopback("--publish-hub", publishHub);
        }
        try {
            protocol = Protocol.valueOf(protocolName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, "--protocol must be mercure, seed or nchan, got " + protocolName);
        }
        if (topics < 1 || topics > protocol.maxTopics()) {
            throw new CommandLine.ParameterException(cli, "--topics must be 1.." + protocol.maxTopics() + " for "
                    + protocolName + ", got " + topics);
        }
        if (duration < 1 || duration > 60) {
            throw new CommandLine.ParameterException(cli, "--duration must be 1..60 seconds, got " + duration);
        }
        if (warmup < 0 || warmup > 30) {
            throw new CommandLine.ParameterException(cli, "--warmup must be 0..30 seconds, got " + warmup);
        }
        if (rates != null && rates.stream().anyMatch(r -> r < 1)) {
            throw new CommandLine.ParameterException(cli, "--rates must all be positive, got " + rates);
        }
        if (run < 1) {
            throw new CommandLine.ParameterException(cli, "--run must be 1 or more, got " + run);
        }
        if (firstSource < 1 || firstSource + sources - 1 > 254 || sources < 1) {
            throw new CommandLine.ParameterException(cli, "--first-source and --sources must stay within 127.0.0.1..254");
        }
    }
}

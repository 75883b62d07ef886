package dev.herald.server.internal.metrics;

import dev.herald.hub.CloseReason;
import dev.herald.hub.HubListener;
import dev.herald.hub.Subscription;
import dev.herald.log.LogEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Herald's metrics in one Prometheus registry: the hub's counters (it is the hub's {@link HubListener}), the
 * limits' refusals, bytes written, and the JVM. Meters are created once here and bumped on the hot path
 * (a counter increment per update or per subscription event, never per subscriber of an update).
 *
 * <p>No meter is tagged by topic, subscriber or token: tags are bounded (transport, close reason, limit), so the
 * series count cannot be grown by clients and {@code /metrics} reveals no one's topics.
 */
public final class HeraldMetrics implements HubListener, AutoCloseable {

    /** Bound on publishes awaiting their fan-out for the latency histogram: a broker that never delivers cannot grow it. */
    private static final int MAX_PENDING_LATENCIES = 10_000;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Counter published;
    private final Counter dispatched;
    private final Counter delivered;
    private final Counter replayRequests;
    private final Counter replayEvents;
    private final Counter historyGaps;
    private final Counter bytesWritten;
    private final Map<Boolean, Counter> opened = new ConcurrentHashMap<>();
    private final Map<CloseReason, Counter> closed = new EnumMap<>(CloseReason.class);
    private final Map<String, Counter> limitRefusals = new ConcurrentHashMap<>();
    private final Timer dispatchLatency;
    /** When the shared log appended the entry at a position, or null on a single node. */
    private final LongUnaryOperator appendedAtMillis;
    private final Timer clusterLag;
    /** When each update published here was logged, by position, until its fan-out. */
    private final Map<Long, Long> pendingLatencies = new ConcurrentHashMap<>();

    /** A registry with Herald's meters and the JVM's, for a single node. */
    public HeraldMetrics() {
        this(null);
    }

    /**
     * A registry with Herald's meters and the JVM's; with {@code appendedAtMillis} (a cluster's shared log), it
     * also times how long after the log appended an update this node fanned it out.
     */
    public HeraldMetrics(LongUnaryOperator appendedAtMillis) {
        this.appendedAtMillis = appendedAtMillis;
        clusterLag = appendedAtMillis == null ? null : Timer.builder("herald.cluster.lag")
                .description("From an update appended to the cluster's Redis stream (by Redis's clock) to its fan-out on this node")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
        published = Counter.builder("herald.updates.published")
                .description("Updates published through this node and logged (retried duplicates excluded)").register(registry);
        dispatched = Counter.builder("herald.updates.dispatched")
                .description("Updates fanned out by this node (each once, whichever node published it)").register(registry);
        delivered = Counter.builder("herald.updates.delivered")
                .description("Live updates queued to subscribers: one per update and subscriber").register(registry);
        replayRequests = Counter.builder("herald.replay.requests")
                .description("Subscriptions that asked to resume after a Last-Event-ID").register(registry);
        replayEvents = Counter.builder("herald.replay.events")
                .description("Updates sent from history to resuming subscribers").register(registry);
        historyGaps = Counter.builder("herald.history.gaps")
                .description("Resumes from an unknown or trimmed Last-Event-ID, told with herald-history-gap").register(registry);
        bytesWritten = Counter.builder("herald.stream.written")
                .description("Bytes written to event streams").baseUnit("bytes").register(registry);
        for (boolean resuming : new boolean[] {false, true}) {
            opened.put(resuming, Counter.builder("herald.subscriptions.opened").tag("resuming", String.valueOf(resuming))
                    .description("Subscriptions opened").register(registry));
        }
        for (CloseReason reason : CloseReason.values()) {
            closed.put(reason, Counter.builder("herald.subscriptions.closed").tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .description("Subscriptions closed, by reason").register(registry));
        }
        dispatchLatency = Timer.builder("herald.publish.fanout")
                .description("From an update logged by this node to its bytes queued on every matching subscription")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Adds a gauge reading {@code value} at each scrape; {@code value} must be cheap and must not block. */
    public <T> void gauge(String name, String description, T state, ToDoubleFunction<T> value) {
        Gauge.builder(name, state, value).description(description).register(registry);
    }

    /** Adds a gauge {@code name} tagged {@code tag=tagValue}. */
    public void gauge(String name, String description, String tag, String tagValue, Supplier<Number> value) {
        Gauge.builder(name, value).tag(tag, tagValue).description(description).register(registry);
    }

    /** Counts one refusal by {@code limit} (its flag, such as {@code --max-connections}). */
    public void limitBit(String limit) {
        limitRefusals.computeIfAbsent(limit, l -> Counter.builder("herald.limit.refusals").tag("limit", l)
                .description("Requests or connections refused by a limit, by its flag").register(registry)).increment();
    }

    /** Counts {@code bytes} written to an event stream. */
    public void written(long bytes) {
        bytesWritten.increment(bytes);
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void published(LogEntry entry) {
        published.increment();
        if (pendingLatencies.size() >= MAX_PENDING_LATENCIES) {
            pendingLatencies.clear();
        }
        // With a broker tailing Redis the fan-out can win the race with this call; that sample is then lost, and
        // its start stays here until the bound clears the map.
        pendingLatencies.put(entry.position(), System.nanoTime());
    }

    @Override
    public void dispatched(LogEntry entry, int deliveries) {
        dispatched.increment();
        delivered.increment(deliveries);
        if (clusterLag != null) {
            // Clocks of different machines differ by a little: a negative lag is skew, counted as none.
            clusterLag.record(Math.max(0, System.currentTimeMillis() - appendedAtMillis.applyAsLong(entry.position())),
                    TimeUnit.MILLISECONDS);
        }
        Long start = pendingLatencies.remove(entry.position());
        if (start != null) {
            dispatchLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void bufferedDelivered(int count) {
        delivered.increment(count);
    }

    @Override
    public void subscribed(Subscription subscription, boolean resuming) {
        opened.get(resuming).increment();
        if (resuming) {
            replayRequests.increment();
        }
    }

    @Override
    public void replayed(int count) {
        replayEvents.increment(count);
    }

    @Override
    public void historyGap() {
        historyGaps.increment();
    }

    @Override
    public void closed(Subscription subscription, CloseReason reason) {
        closed.get(reason == null ? CloseReason.CLIENT_GONE : reason).increment();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}

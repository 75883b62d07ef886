package dev.herald.bench.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/** What the subscribers saw, gathered from every event-loop thread: latencies, counts, losses. */
final class Measurements {

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(1);

    /** Up to one minute at microsecond resolution with three significant digits. */
    final Recorder latencyMicros = new Recorder(MAX_MICROS, 3);
    final LongAdder delivered = new LongAdder();
    final LongAdder slowDelivered = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder connected = new LongAdder();
    final LongAdder failedConnects = new LongAdder();
    /** Fast subscriptions whose stream ended or failed. */
    final LongAdder cut = new LongAdder();
    /** Slow subscriptions whose stream ended or failed (the server cut them). */
    final LongAdder slowCut = new LongAdder();
    /** Latency by publish time, when asked for ({@code --timeline}); null otherwise. */
    private final Timeline timeline;

    /** Measurements that keep a {@link Timeline} too when {@code timeline} is not null. */
    Measurements(Timeline timeline) {
        this.timeline = timeline;
    }

    /** Records one payload sent at {@code sendNanos} (this process's {@link System#nanoTime()}) seen at {@code nowNanos}. */
    void received(long sendNanos, long nowNanos, boolean slow) {
        if (slow) {
            slowDelivered.increment();
            return;
        }
        delivered.increment();
        long micros = Math.max(0, (nowNanos - sendNanos) / 1000);
        latencyMicros.recordValue(Math.min(micros, MAX_MICROS));
        if (timeline != null) {
            timeline.record(sendNanos, micros);
        }
    }
}

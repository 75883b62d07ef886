package dev.herald.bench.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/** What the subscribers saw, gathered from every event-loop thread: latencies, counts, losses. */
final class Measurements {

    /** Up to one minute at microsecond resolution with three significant digits. */
    final Recorder latencyMicros = new Recorder(TimeUnit.MINUTES.toMicros(1), 3);
    final LongAdder delivered = new LongAdder();
    final LongAdder slowDelivered = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder connected = new LongAdder();
    final LongAdder failedConnects = new LongAdder();
    final LongAdder cut = new LongAdder();

    void received(Payload payload, long nowNanos, boolean slow) {
        if (slow) {
            slowDelivered.increment();
            return;
        }
        delivered.increment();
        long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(nowNanos - payload.sendNanos()));
        latencyMicros.recordValue(Math.min(micros, TimeUnit.MINUTES.toMicros(1)));
    }
}

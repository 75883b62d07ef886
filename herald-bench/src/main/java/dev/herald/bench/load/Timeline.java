package dev.herald.bench.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latency over the run, by publish time: for every 10 ms in which updates were sent, how many deliveries of
 * them were seen and the longest they took. A step's percentiles say how bad its tail was; this says when,
 * so a stall (a collector's pause, a preempted event loop, a kernel thread) can be matched against other
 * traces. Times are {@link System#nanoTime()} values, Linux's {@code CLOCK_MONOTONIC}: the clock of the JVM's
 * {@code -Xlog:...:timenanos} decorator and of {@code /proc/<pid>/schedstat}, in every process.
 */
final class Timeline {

    private static final long BUCKET_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Fifteen minutes of 10 ms buckets: longer than a generator run may last (steps of at most 60 s). */
    private static final int BUCKETS = 90_000;

    private final long originNanos;
    private final AtomicLongArray maxMicros = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray deliveries = new AtomicLongArray(BUCKETS);

    /** A timeline whose first bucket starts at {@code originNanos}. */
    Timeline(long originNanos) {
        this.originNanos = originNanos;
    }

    /** Notes one delivery of an update sent at {@code sendNanos} that took {@code latencyMicros}; outside the fifteen minutes, none. */
    void record(long sendNanos, long latencyMicros) {
        long bucket = (sendNanos - originNanos) / BUCKET_NANOS;
        if (bucket < 0 || bucket >= BUCKETS) {
            return;
        }
        int i = (int) bucket;
        deliveries.incrementAndGet(i);
        maxMicros.accumulateAndGet(i, latencyMicros, Math::max);
    }

    /**
     * Writes the buckets that saw deliveries to {@code file} as CSV: the bucket's start in ms from the origin,
     * its start as a {@code nanoTime} value, the deliveries and the highest latency in ms.
     */
    void write(Path file) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            out.println("send_ms,send_nanotime,deliveries,max_latency_ms");
            for (int i = 0; i < BUCKETS; i++) {
                long count = deliveries.get(i);
                if (count > 0) {
                    long offsetNanos = i * BUCKET_NANOS;
                    out.printf(Locale.ROOT, "%d,%d,%d,%.3f%n", TimeUnit.NANOSECONDS.toMillis(offsetNanos),
                            originNanos + offsetNanos, count, maxMicros.get(i) / 1000.0);
                }
            }
        }
    }
}

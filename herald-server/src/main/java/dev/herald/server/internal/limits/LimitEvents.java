package dev.herald.server.internal.limits;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts each time a limit bites, and logs it at most once per limit every {@value #REPORT_SECONDS}
 * seconds with the count since the last line: a flood of refused requests must not become a flood of
 * log lines (the log would then be the resource the attacker exhausts). Thread-safe.
 */
public final class LimitEvents {

    static final int REPORT_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(LimitEvents.class);

    private final Map<String, AtomicLong> totals = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> sinceReport = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastReportNanos = new ConcurrentHashMap<>();
    private final Consumer<String> onBite;

    /** Limit events that only count and log. */
    public LimitEvents() {
        this(limit -> { });
    }

    /** Limit events that also tell {@code onBite} each limit's flag as it bites (a metric); it must not block. */
    public LimitEvents(Consumer<String> onBite) {
        this.onBite = onBite;
    }

    /** Records that {@code limit} (its flag) refused something; {@code detail} says what, without secrets. */
    public void bit(String limit, String detail) {
        totals.computeIfAbsent(limit, k -> new AtomicLong()).incrementAndGet();
        onBite.accept(limit);
        sinceReport.computeIfAbsent(limit, k -> new AtomicLong()).incrementAndGet();
        AtomicLong last = lastReportNanos.computeIfAbsent(limit, k -> new AtomicLong(System.nanoTime() - TimeUnit.DAYS.toNanos(1)));
        long now = System.nanoTime();
        long previous = last.get();
        if (now - previous >= TimeUnit.SECONDS.toNanos(REPORT_SECONDS) && last.compareAndSet(previous, now)) {
            long count = sinceReport.get(limit).getAndSet(0);
            LOG.warn("limit {} refused {} request(s) in the last {} s, latest: {}", limit, count, REPORT_SECONDS, detail);
        }
    }

    /** How many times each limit bit since startup, by flag name. */
    public Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        totals.forEach((limit, count) -> out.put(limit, count.get()));
        return out;
    }
}

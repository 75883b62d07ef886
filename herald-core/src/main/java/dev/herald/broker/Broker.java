package dev.herald.broker;

import dev.herald.log.LogEntry;
import java.util.function.Consumer;

/**
 * Carries appended log entries to the hub of every node: in process on one node, through a shared store
 * on many.
 *
 * <p>Contract for every implementation:
 * <ul>
 *   <li>The listener given to {@link #start} receives every entry published on any node, each once, in
 *       log-position order, from a single thread at a time. The hub's catch-up relies on that order.</li>
 *   <li>A broker either carries what it is handed, or it {@linkplain #tailsLog() tails the log}:
 *       <ul>
 *         <li>a hand-off broker gets {@link #publish} calls in log order (the hub appends and publishes
 *             under one lock, which must then cover only quick work), then, outside that lock,
 *             {@link #deliverOnPublisher}, where it may run the listener on the publishing thread when no
 *             delivery is in progress; a publisher must never wait for a delivery running on another thread;</li>
 *         <li>a log-tailing broker reads the log's own order (a shared stream) and delivers every entry
 *             after the position given to {@link #start(long, Consumer)}; the hub never calls its
 *             {@link #publish} and appends without any lock, so a slow (network) append never serializes
 *             other publishers.</li>
 *       </ul></li>
 *   <li>Thread-safe.</li>
 * </ul>
 */
public interface Broker extends AutoCloseable {

    /** Starts delivering entries to {@code listener}; called once, before the first publish. */
    void start(Consumer<LogEntry> listener);

    /**
     * Starts delivering to {@code listener} every entry with a position greater than {@code afterPosition}
     * (the log's head when the hub starts), so none appended meanwhile is skipped. Hand-off brokers deliver
     * what they are handed and ignore the position.
     */
    default void start(long afterPosition, Consumer<LogEntry> listener) {
        start(listener);
    }

    /**
     * True when this broker delivers by reading the log itself, in the log's order: the hub then neither
     * calls {@link #publish} nor holds a lock across the append.
     */
    default boolean tailsLog() {
        return false;
    }

    /** Hands {@code entry}, just appended to the log, to every node. */
    void publish(LogEntry entry);

    /**
     * Called by the hub after each {@link #publish}, on the same thread, once it let go of its publish lock:
     * a hand-off broker may deliver what waits here, on the publisher's thread, when no delivery is in
     * progress, which spares waking a thread of its own for every update. The default does nothing.
     */
    default void deliverOnPublisher() {
    }

    /** Entries published here and not yet delivered, so the hub can refuse work it cannot keep up with. */
    default int backlog() {
        return 0;
    }

    /** Stops delivering; entries not yet delivered are dropped (they remain in the log). */
    @Override
    void close();
}

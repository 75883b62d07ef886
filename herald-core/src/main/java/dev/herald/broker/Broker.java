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
 *   <li>{@link #publish} is called in log order (the hub appends and publishes under one lock); it must
 *       not block on the listener.</li>
 *   <li>Thread-safe.</li>
 * </ul>
 */
public interface Broker extends AutoCloseable {

    /** Starts delivering entries to {@code listener}; called once, before the first publish. */
    void start(Consumer<LogEntry> listener);

    /** Hands {@code entry}, just appended to the log, to every node. */
    void publish(LogEntry entry);

    /** Entries published here and not yet delivered, so the hub can refuse work it cannot keep up with. */
    default int backlog() {
        return 0;
    }

    /** Stops delivering; entries not yet delivered are dropped (they remain in the log). */
    @Override
    void close();
}

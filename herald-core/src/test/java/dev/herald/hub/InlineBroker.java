package dev.herald.hub;

import dev.herald.broker.Broker;
import dev.herald.log.LogEntry;
import java.util.function.Consumer;

/**
 * A broker that delivers on the publishing thread, so that a publish returns only after fan-out: tests
 * that must know exactly when an update reached the subscribers use it. (The hub publishes under its lock,
 * so deliveries still come one at a time, in log order.)
 */
final class InlineBroker implements Broker {

    private volatile Consumer<LogEntry> listener;

    @Override
    public void start(Consumer<LogEntry> listener) {
        this.listener = listener;
    }

    @Override
    public void publish(LogEntry entry) {
        Consumer<LogEntry> target = listener;
        if (target != null) {
            target.accept(entry);
        }
    }

    @Override
    public void close() {
        listener = null;
    }
}

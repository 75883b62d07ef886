package dev.herald.redis;

import dev.herald.broker.Broker;
import dev.herald.log.LogEntry;
import dev.herald.redis.internal.RedisConnector;
import dev.herald.redis.internal.RedisKeys;
import dev.herald.redis.internal.SharedState;
import dev.herald.redis.internal.StreamTailer;
import io.lettuce.core.RedisException;
import dev.herald.redis.internal.SharedConnection;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A {@link Broker} that {@linkplain #tailsLog() tails} the Redis stream the {@link RedisEventLog}s of every
 * node append to: the stream is the transport, so a publish on any node reaches every node in stream order,
 * and a node that lost Redis resumes after the last entry it delivered.
 *
 * <p>One thread, {@code herald-redis-tail}, reads and delivers. It never stops on a Redis failure: it
 * retries with backoff (50 ms to 2 s, jittered) while Redis is away, and subscribers stay connected meanwhile.
 */
public final class RedisBroker implements Broker {

    private final RedisOptions options;
    private final RedisKeys keys;
    private final SharedState state;
    private final SharedConnection connection;
    private StreamTailer tailer;
    private Thread thread;
    private boolean closed;

    RedisBroker(RedisOptions options, RedisKeys keys, SharedState state, RedisConnector connector) {
        this.options = options;
        this.keys = keys;
        this.state = state;
        // Blocking reads hold their connection for up to a second: a connection of its own, with a timeout above that.
        try {
            this.connection = connector.connect(options.commandTimeout().plus(Duration.ofSeconds(2)));
        } catch (RedisException e) {
            throw RedisStream.unavailable(options, "opening the broker", e);
        }
    }

    /** Starts after the stream's current head. */
    @Override
    public void start(Consumer<LogEntry> listener) {
        String head;
        try {
            head = connection.sync().hget(keys.meta(), "ms");
        } catch (RedisException e) {
            throw RedisStream.unavailable(options, "starting the broker", e);
        }
        long after = head == null ? 0 : state.highest();
        start(after, listener);
    }

    @Override
    public synchronized void start(long afterPosition, Consumer<LogEntry> listener) {
        if (thread != null) {
            throw new IllegalStateException("the broker was already started");
        }
        tailer = new StreamTailer(connection.stateful(), keys, state, afterPosition, listener);
        thread = new Thread(tailer, "herald-redis-tail");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public boolean tailsLog() {
        return true;
    }

    /** Does nothing: the entry is already in the stream, which every node tails. */
    @Override
    public void publish(LogEntry entry) {
        // The append was the publish.
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = thread;
            if (tailer != null) {
                tailer.stop();
            }
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(3).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        connection.close();
    }
}

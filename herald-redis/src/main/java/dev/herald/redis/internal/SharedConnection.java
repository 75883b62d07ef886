package dev.herald.redis.internal;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection of a {@link RedisConnector}, holding a share of its client: closing it (once; later calls do
 * nothing) closes the connection and releases the share, so the last user to close shuts the client down.
 */
public final class SharedConnection implements AutoCloseable {

    private final StatefulRedisConnection<String, String> connection;
    private final RedisConnector connector;
    private final AtomicBoolean closed = new AtomicBoolean();

    SharedConnection(StatefulRedisConnection<String, String> connection, RedisConnector connector) {
        this.connection = connection;
        this.connector = connector;
    }

    /** Blocking commands on this connection. */
    public RedisCommands<String, String> sync() {
        return connection.sync();
    }

    /** Commands that return at once, in the order issued with the blocking ones. */
    public RedisAsyncCommands<String, String> async() {
        return connection.async();
    }

    /** The Lettuce connection itself, for code that manages its own reads on it. */
    public StatefulRedisConnection<String, String> stateful() {
        return connection;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            connection.close();
            connector.release();
        }
    }
}

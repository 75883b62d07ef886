package dev.herald.redis;

import dev.herald.log.LogUnavailableException;
import dev.herald.redis.internal.RedisConnector;
import dev.herald.redis.internal.RedisKeys;
import dev.herald.redis.internal.SharedState;
import io.lettuce.core.RedisException;

/**
 * One Herald stream in one Redis, shared by every node of a cluster: the factory of a node's
 * {@link RedisEventLog} and {@link RedisBroker}, which share one Redis client and what the node knows of the
 * stream (its epoch, the highest position seen).
 *
 * <pre>{@code
 * RedisStream stream = RedisStream.connect(RedisOptions.of("redis://localhost:6379/0"));
 * Hub hub = new Hub(stream.eventLog(), stream.broker(), options, replayExecutor, System::nanoTime);
 * }</pre>
 * The client shuts down once the log, the broker and this object are all closed.
 */
public final class RedisStream implements AutoCloseable {

    private final RedisOptions options;
    private final RedisConnector connector;
    private final RedisKeys keys;
    private final SharedState state = new SharedState();
    private boolean closed;

    private RedisStream(RedisOptions options, RedisConnector connector) {
        this.options = options;
        this.connector = connector;
        this.keys = RedisKeys.of(options.keyPrefix());
        connector.acquire();
    }

    /** A stream in the Redis {@code options} names; connections open with the log and the broker. */
    public static RedisStream connect(RedisOptions options) {
        return new RedisStream(options, new RedisConnector(options.uri(), options.commandTimeout()));
    }

    /**
     * A new log over the stream, with its own connection.
     *
     * @throws LogUnavailableException when Redis cannot be reached now
     */
    public RedisEventLog eventLog() {
        return new RedisEventLog(options, keys, state, connector);
    }

    /**
     * A new broker tailing the stream, with its own connection for blocking reads.
     *
     * @throws LogUnavailableException when Redis cannot be reached now
     */
    public RedisBroker broker() {
        return new RedisBroker(options, keys, state, connector);
    }

    /**
     * A new directory of the cluster's nodes and their subscriber counts, whose entries expire {@code ttl} after
     * their node last recorded them; with its own connection.
     *
     * @throws dev.herald.cluster.NodeDirectoryUnavailableException when Redis cannot be reached now
     */
    public RedisNodeDirectory nodeDirectory(java.time.Duration ttl) {
        return new RedisNodeDirectory(options, keys, ttl, connector);
    }

    /**
     * A new registry of the cluster's subscriptions, in which this node is {@code nodeId} and whose entries
     * expire {@code ttl} after the node last refreshed them; with its own connection.
     *
     * @throws dev.herald.cluster.NodeDirectoryUnavailableException when Redis cannot be reached now
     */
    public RedisPresenceRegistry presenceRegistry(String nodeId, java.time.Duration ttl) {
        return new RedisPresenceRegistry(options, keys, nodeId, ttl, connector);
    }

    /** Releases this object's share of the client. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            connector.release();
        }
    }

    /** The exception for a Redis failure during {@code what}, naming the server and what the caller can do. */
    static LogUnavailableException unavailable(RedisOptions options, String what, RedisException cause) {
        return new LogUnavailableException("Redis at " + redacted(options.uri()) + " is unavailable (" + cause.getMessage()
                + ") while " + what + "; try again shortly", cause);
    }

    /** The URI without a password, for messages. */
    private static String redacted(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }
}

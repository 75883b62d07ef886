package dev.herald.redis.internal;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One Lettuce client for a node's Redis work, shut down when the last user releases it.
 *
 * <p>Connections reconnect by themselves (exponential backoff with jitter, 20 ms to 2 s, so a Redis that
 * blinks is found again within about two seconds) and reject commands while disconnected instead of
 * queueing them: a publish during an outage fails at once (503) rather than waiting out its timeout, and
 * no queue of stale commands grows while Redis is away.
 */
public final class RedisConnector {

    private final RedisClient client;
    private final ClientResources resources;
    private int users;

    /** A connector to {@code uri} whose commands time out after {@code commandTimeout}. */
    public RedisConnector(String uri, Duration commandTimeout) {
        this.resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.fullJitter(Duration.ofMillis(20), Duration.ofSeconds(2), 20, TimeUnit.MILLISECONDS))
                .build();
        RedisURI target = RedisURI.create(uri);
        target.setTimeout(commandTimeout);
        this.client = RedisClient.create(resources, target);
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled())
                .build());
    }

    /**
     * A new connection with {@code timeout} per command, holding a share of the client until it is closed;
     * fails when Redis cannot be reached now.
     */
    public SharedConnection connect(Duration timeout) {
        StatefulRedisConnection<String, String> connection = client.connect();
        connection.setTimeout(timeout);
        acquire();
        return new SharedConnection(connection, this);
    }

    /** Registers one more user, who must {@link #release()} once done. */
    public synchronized void acquire() {
        users++;
    }

    /** Ends one user's share; the last one shuts the client down. */
    public void release() {
        synchronized (this) {
            users--;
            if (users > 0) {
                return;
            }
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}

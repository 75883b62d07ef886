package dev.herald.redis;

import dev.herald.cluster.NodeDirectoryUnavailableException;
import dev.herald.presence.PresenceRegistry;
import dev.herald.presence.SubscriberPresence;
import dev.herald.redis.internal.LuaScript;
import dev.herald.redis.internal.RedisConnector;
import dev.herald.redis.internal.RedisKeys;
import io.lettuce.core.RedisException;
import dev.herald.redis.internal.SharedConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link PresenceRegistry} shared by the nodes of a cluster: each node keeps its subscribers in a Redis hash
 * of its own that Redis expires {@code ttl} after the node's last {@link #refresh()}, so a node that dies
 * without a word drops out of every listing within that time.
 *
 * <p>{@link #join} and {@link #leave} update this node's entries in memory and send the change without
 * waiting for Redis; if Redis misses a change (an outage, a restart that lost the hash), the next
 * {@link #refresh()} rewrites the node's whole hash from memory. One connection carries every command, in
 * the order they were issued.
 */
public final class RedisPresenceRegistry implements PresenceRegistry {

    private static final LuaScript PRUNE = LuaScript.load("prune_node.lua");

    private final RedisOptions options;
    private final RedisKeys keys;
    private final String nodeId;
    private final String ownKey;
    private final Duration ttl;
    private final SharedConnection connection;
    private final RedisCommands<String, String> redis;
    private final RedisAsyncCommands<String, String> async;
    /** This node's entries, field to value as stored in its hash: the truth a rewrite restores. */
    private final Map<String, String> own = new ConcurrentHashMap<>();
    private volatile boolean dirty = true;
    private boolean closed;

    RedisPresenceRegistry(RedisOptions options, RedisKeys keys, String nodeId, Duration ttl, RedisConnector connector) {
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException("the presence time-to-live must be at least 1 ms, got " + ttl);
        }
        this.options = options;
        this.keys = keys;
        this.nodeId = nodeId;
        this.ownKey = keys.presence(nodeId);
        this.ttl = ttl;
        try {
            this.connection = connector.connect(options.commandTimeout());
        } catch (RedisException e) {
            throw unavailable("opening the presence registry", e);
        }
        this.redis = connection.sync();
        this.async = connection.async();
    }

    @Override
    public void join(SubscriberPresence presence) {
        String field = field(presence);
        String value = value(presence);
        // Locked with rewrite(), so a rewrite's snapshot and these commands cannot interleave out of order.
        synchronized (this) {
            own.put(field, value);
            watch(async.hset(ownKey, field, value));
            watch(async.pexpire(ownKey, ttl.toMillis()));
            watch(async.sadd(keys.presenceNodes(), nodeId));
        }
    }

    @Override
    public void leave(SubscriberPresence presence) {
        String field = field(presence);
        synchronized (this) {
            if (own.remove(field) != null) {
                watch(async.hdel(ownKey, field));
            }
        }
    }

    /** This node's entries from memory, the other nodes' from Redis. */
    @Override
    public List<SubscriberPresence> list() {
        List<SubscriberPresence> all = new ArrayList<>();
        own.forEach((field, value) -> all.add(decode(field, value)));
        try {
            for (String node : redis.smembers(keys.presenceNodes())) {
                if (node.equals(nodeId)) {
                    continue;
                }
                Map<String, String> hash = redis.hgetall(keys.presence(node));
                if (hash.isEmpty()) {
                    PRUNE.run(redis, new String[] {keys.presenceNodes(), keys.presence(node)}, node);
                }
                hash.forEach((field, value) -> all.add(decode(field, value)));
            }
        } catch (RedisException e) {
            throw unavailable("listing the cluster's subscriptions", e);
        }
        return all;
    }

    @Override
    public void refresh() {
        try {
            boolean alive = redis.pexpire(ownKey, ttl.toMillis());
            if (dirty || (!alive && !own.isEmpty())) {
                rewrite();
            }
        } catch (RedisException e) {
            dirty = true;
            throw unavailable("refreshing this node's subscriptions", e);
        }
    }

    /** Replaces the node's hash with its entries in memory, and makes sure readers find the node. */
    private void rewrite() {
        synchronized (this) {
            dirty = false;
            redis.del(ownKey);
            Map<String, String> snapshot = new HashMap<>(own);
            if (!snapshot.isEmpty()) {
                redis.hset(ownKey, snapshot);
                redis.pexpire(ownKey, ttl.toMillis());
            }
            redis.sadd(keys.presenceNodes(), nodeId);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            redis.del(ownKey);
            redis.srem(keys.presenceNodes(), nodeId);
        } catch (RedisException e) {
            // The entries expire on their own within the time to live.
        } finally {
            connection.close();
        }
    }

    private void watch(io.lettuce.core.RedisFuture<?> sent) {
        sent.exceptionally(failure -> {
            dirty = true;
            return null;
        });
    }

    private static String field(SubscriberPresence presence) {
        // Subscriber ids are urn:uuid: values without spaces, so the first space separates the topic.
        return presence.subscriber() + " " + presence.topic();
    }

    private static String value(SubscriberPresence presence) {
        return presence.payloadJson() == null ? "" : presence.payloadJson();
    }

    private static SubscriberPresence decode(String field, String value) {
        int space = field.indexOf(' ');
        return new SubscriberPresence(field.substring(0, space), field.substring(space + 1), value.isEmpty() ? null : value);
    }

    private NodeDirectoryUnavailableException unavailable(String what, RedisException cause) {
        return new NodeDirectoryUnavailableException(RedisStream.unavailable(options, what, cause).getMessage(), cause);
    }
}

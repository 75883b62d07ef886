package dev.herald.redis;

import dev.herald.cluster.NodeCounts;
import dev.herald.cluster.NodeDirectory;
import dev.herald.cluster.NodeDirectoryUnavailableException;
import dev.herald.redis.internal.LuaScript;
import dev.herald.redis.internal.NodeCountsCodec;
import dev.herald.redis.internal.RedisConnector;
import dev.herald.redis.internal.RedisKeys;
import io.lettuce.core.RedisException;
import dev.herald.redis.internal.SharedConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link NodeDirectory} in the Redis of a cluster: each node's counts are a hash that Redis itself expires
 * {@link #ttl()} after the node last wrote it (so clock skew between nodes does not matter), listed in a set
 * that readers prune of expired nodes.
 *
 * <p>Every method is network I/O, never to be called on an event loop; a Redis failure is thrown as
 * {@link NodeDirectoryUnavailableException}. Thread-safe: one multiplexed connection.
 */
public final class RedisNodeDirectory implements NodeDirectory {

    private static final System.Logger LOG = System.getLogger(RedisNodeDirectory.class.getName());
    private static final LuaScript RECORD = LuaScript.load("record_node.lua");
    private static final LuaScript PRUNE = LuaScript.load("prune_node.lua");

    private final RedisOptions options;
    private final RedisKeys keys;
    private final Duration ttl;
    private final SharedConnection connection;
    private final RedisCommands<String, String> redis;

    RedisNodeDirectory(RedisOptions options, RedisKeys keys, Duration ttl, RedisConnector connector) {
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException("the node entry time-to-live must be at least 1 ms, got " + ttl);
        }
        this.options = options;
        this.keys = keys;
        this.ttl = ttl;
        try {
            this.connection = connector.connect(options.commandTimeout());
        } catch (RedisException e) {
            throw unavailable("opening the node directory", e);
        }
        this.redis = connection.sync();
    }

    @Override
    public Duration ttl() {
        return ttl;
    }

    @Override
    public void record(NodeCounts counts) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(ttl.toMillis()));
        args.add(counts.nodeId());
        args.addAll(NodeCountsCodec.fields(counts));
        try {
            RECORD.run(redis, new String[] {keys.node(counts.nodeId()), keys.nodes()}, args.toArray(String[]::new));
        } catch (RedisException e) {
            throw unavailable("recording this node's counts", e);
        }
    }

    /** Reads each listed node's hash; the set holds the nodes alive within the last time to live, a handful. */
    @Override
    public List<NodeCounts> live() {
        List<NodeCounts> live = new ArrayList<>();
        try {
            for (String nodeId : redis.smembers(keys.nodes())) {
                Map<String, String> hash = redis.hgetall(keys.node(nodeId));
                if (hash.isEmpty()) {
                    PRUNE.run(redis, new String[] {keys.nodes(), keys.node(nodeId)}, nodeId);
                } else {
                    decode(nodeId, hash, live);
                }
            }
        } catch (RedisException e) {
            throw unavailable("reading the nodes' counts", e);
        }
        return live;
    }

    /** Adds the node's counts to {@code live}, or leaves out an entry that does not decode (written by another version). */
    private static void decode(String nodeId, Map<String, String> hash, List<NodeCounts> live) {
        try {
            live.add(NodeCountsCodec.fromHash(nodeId, hash));
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring the malformed counts of node " + nodeId + ": " + e.getMessage());
        }
    }

    @Override
    public void remove(String nodeId) {
        try {
            redis.del(keys.node(nodeId));
            redis.srem(keys.nodes(), nodeId);
        } catch (RedisException e) {
            throw unavailable("removing this node's counts", e);
        }
    }

    @Override
    public void close() {
        connection.close();
    }

    private NodeDirectoryUnavailableException unavailable(String what, RedisException cause) {
        return new NodeDirectoryUnavailableException(RedisStream.unavailable(options, what, cause).getMessage(), cause);
    }
}

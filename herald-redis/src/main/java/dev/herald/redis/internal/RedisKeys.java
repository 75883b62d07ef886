package dev.herald.redis.internal;

/**
 * Herald's keys in Redis, all under one hash tag so that a Redis Cluster keeps them in one slot (the
 * scripts touch several atomically).
 *
 * @param stream the stream of updates
 * @param meta a hash: {@code epoch}, the last id given out ({@code ms}, {@code seq}) and the highest trimmed id
 * @param ids the id index, a hash from SSE id to stream id, trimmed with the stream
 * @param nodes the set of ids of nodes with a counts entry (see {@link #node(String)}), pruned by readers
 * @param presenceNodes the set of ids of nodes with a presence entry (see {@link #presence(String)}), pruned by readers
 * @param prefix the common part of the keys, tag included
 */
public record RedisKeys(String stream, String meta, String ids, String nodes, String presenceNodes, String prefix) {

    /** The keys under {@code prefix}. */
    public static RedisKeys of(String prefix) {
        String tag = "{" + prefix + "}";
        return new RedisKeys(tag + ":stream", tag + ":meta", tag + ":ids", tag + ":nodes", tag + ":presence-nodes", tag);
    }

    /** The hash of node {@code nodeId}'s subscriber counts, which expires unless the node rewrites it. */
    public String node(String nodeId) {
        return prefix + ":node:" + nodeId;
    }

    /** The hash of node {@code nodeId}'s subscriptions (Mercure presence), which expires unless the node refreshes it. */
    public String presence(String nodeId) {
        return prefix + ":presence:" + nodeId;
    }
}

package dev.herald.redis.internal;

/**
 * Herald's keys in Redis, all under one hash tag so that a Redis Cluster keeps them in one slot (the
 * scripts touch all three atomically).
 *
 * @param stream the stream of updates
 * @param meta a hash: {@code epoch}, the last id given out ({@code ms}, {@code seq}) and the highest trimmed id
 * @param ids the id index, a hash from SSE id to stream id, trimmed with the stream
 */
public record RedisKeys(String stream, String meta, String ids) {

    /** The keys under {@code prefix}. */
    public static RedisKeys of(String prefix) {
        String tag = "{" + prefix + "}";
        return new RedisKeys(tag + ":stream", tag + ":meta", tag + ":ids");
    }
}

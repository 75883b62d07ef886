package dev.herald.redis;

import java.net.URI;
import java.time.Duration;

/**
 * Where the Herald stream lives in Redis and how much of it is kept, validated on construction with
 * messages that name the command-line flag at fault.
 *
 * @param uri the Redis server, {@code redis://host:port/db} (or {@code rediss://} for TLS)
 * @param keyPrefix the prefix of Herald's keys; they share one hash tag so a Redis Cluster keeps them in one slot
 * @param maxLength entries kept in the stream (and its id index), 0 for no count limit
 * @param maxAge how long an entry is kept, {@link Duration#ZERO} for no age limit; trimmed as publishes arrive
 * @param commandTimeout how long one Redis command may take before the publish or read fails as unavailable
 */
public record RedisOptions(String uri, String keyPrefix, long maxLength, Duration maxAge, Duration commandTimeout) {

    /** Entries kept when no limit is configured: replay for reconnects of a few minutes at a busy hub. */
    public static final long DEFAULT_MAX_LENGTH = 100_000;
    /** The key prefix when none is configured. */
    public static final String DEFAULT_KEY_PREFIX = "herald";
    /** Command timeout when none is configured. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);

    public RedisOptions {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("--redis must be a URI such as redis://localhost:6379/0, got nothing");
        }
        String scheme = schemeOf(uri);
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw new IllegalArgumentException("--redis must be a redis:// or rediss:// URI such as redis://localhost:6379/0, got " + uri);
        }
        if (keyPrefix == null || keyPrefix.isEmpty() || keyPrefix.contains("{") || keyPrefix.contains("}")) {
            throw new IllegalArgumentException("the Redis key prefix must be non-empty and free of braces, got " + keyPrefix);
        }
        if (maxLength < 0) {
            throw new IllegalArgumentException("--redis-max-length must be >= 0 entries (0 = no count limit), got " + maxLength);
        }
        if (maxAge == null || maxAge.isNegative()) {
            throw new IllegalArgumentException("--redis-max-age must be >= 0 seconds (0 = no age limit), got " + maxAge);
        }
        if (maxLength == 0 && maxAge.isZero()) {
            throw new IllegalArgumentException("--redis-max-length and --redis-max-age cannot both be 0: the stream would grow without bound");
        }
        if (commandTimeout == null || commandTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("the Redis command timeout must be >= 100 ms, got " + commandTimeout);
        }
    }

    /** Options for {@code uri} with the default prefix, length limit and timeout, and no age limit. */
    public static RedisOptions of(String uri) {
        return new RedisOptions(uri, DEFAULT_KEY_PREFIX, DEFAULT_MAX_LENGTH, Duration.ZERO, DEFAULT_COMMAND_TIMEOUT);
    }

    /** These options keeping at most {@code entries} entries and entries at most {@code age} old (0 = no limit). */
    public RedisOptions withLimits(long entries, Duration age) {
        return new RedisOptions(uri, keyPrefix, entries, age, commandTimeout);
    }

    /** These options with another key prefix, so several hubs can share one Redis. */
    public RedisOptions withKeyPrefix(String prefix) {
        return new RedisOptions(uri, prefix, maxLength, maxAge, commandTimeout);
    }

    private static String schemeOf(String uri) {
        try {
            return URI.create(uri).getScheme();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

package dev.herald.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where a node keeps its event log: in memory (the default, nothing touches the network or the disk), in a
 * file that survives restarts of a single node, or in one Redis stream shared by a cluster of nodes; and how
 * often the node shares its subscriber counts. Validated on construction with messages naming the flag.
 *
 * @param redisUri the Redis server ({@code --redis redis://host:port/db}), or null for the in-memory log
 * @param redisMaxLength entries the Redis stream keeps, 0 for no count limit
 * @param redisMaxAgeSeconds seconds an entry is kept in the Redis stream, 0 for no age limit
 * @param logDir the directory of the file-backed log ({@code --log-dir}), or null
 * @param clusterRefreshMillis milliseconds between two writes of this node's subscriber counts to the cluster
 *     view ({@code --cluster-refresh-ms}); an entry not rewritten expires after {@value #TTL_FACTOR} times this
 */
public record StorageConfig(String redisUri, long redisMaxLength, long redisMaxAgeSeconds, Path logDir, long clusterRefreshMillis) {

    /** The default {@code --cluster-refresh-ms}: counts at most a few seconds old, one small Redis write per node every 5 s. */
    public static final long DEFAULT_CLUSTER_REFRESH_MILLIS = 5000;
    /** A node's counts expire this many refresh periods after it last wrote them: two missed writes are tolerated. */
    public static final int TTL_FACTOR = 3;

    public StorageConfig {
        if (redisUri != null && logDir != null) {
            throw new IllegalArgumentException("--log-dir and --redis cannot be combined: a cluster keeps its log in Redis; drop one of them");
        }
        if (redisUri != null && !redisUri.startsWith("redis://") && !redisUri.startsWith("rediss://")) {
            throw new IllegalArgumentException("--redis must be a redis:// or rediss:// URI such as redis://localhost:6379/0, got " + redisUri);
        }
        if (redisMaxLength < 0) {
            throw new IllegalArgumentException("--redis-max-length must be >= 0 entries (0 = no count limit), got " + redisMaxLength);
        }
        if (redisMaxAgeSeconds < 0) {
            throw new IllegalArgumentException("--redis-max-age must be >= 0 seconds (0 = no age limit), got " + redisMaxAgeSeconds);
        }
        if (redisMaxLength == 0 && redisMaxAgeSeconds == 0) {
            throw new IllegalArgumentException("--redis-max-length and --redis-max-age cannot both be 0: the stream would grow without bound");
        }
        if (clusterRefreshMillis < 100 || clusterRefreshMillis > 600_000) {
            throw new IllegalArgumentException("--cluster-refresh-ms must be between 100 and 600000 milliseconds, got " + clusterRefreshMillis);
        }
    }

    /** Storage with the default {@code --cluster-refresh-ms}. */
    public StorageConfig(String redisUri, long redisMaxLength, long redisMaxAgeSeconds, Path logDir) {
        this(redisUri, redisMaxLength, redisMaxAgeSeconds, logDir, DEFAULT_CLUSTER_REFRESH_MILLIS);
    }

    /** The in-memory log, bounded by {@code --history-size} and {@code --history-bytes}. */
    public static StorageConfig memory() {
        return new StorageConfig(null, 100_000, 0, null);
    }

    /** A cluster node on the Redis at {@code uri}, with the default stream limits. */
    public static StorageConfig redis(String uri) {
        return new StorageConfig(uri, 100_000, 0, null);
    }

    /** A single node whose log lives in files under {@code dir}. */
    public static StorageConfig file(Path dir) {
        return new StorageConfig(null, 100_000, 0, dir);
    }

    /** True when the log lives in Redis. */
    public boolean clustered() {
        return redisUri != null;
    }

    /** This storage with the node's counts rewritten every {@code millis} in the cluster view. */
    public StorageConfig withClusterRefreshMillis(long millis) {
        return new StorageConfig(redisUri, redisMaxLength, redisMaxAgeSeconds, logDir, millis);
    }

    /** How often the node rewrites its counts in the cluster view. */
    public Duration clusterRefresh() {
        return Duration.ofMillis(clusterRefreshMillis);
    }

    /** How long the node's counts stay in the cluster view when it stops rewriting them (it died). */
    public Duration clusterTtl() {
        return clusterRefresh().multipliedBy(TTL_FACTOR);
    }

    /** The stream's age limit. */
    public Duration redisMaxAge() {
        return Duration.ofSeconds(redisMaxAgeSeconds);
    }
}

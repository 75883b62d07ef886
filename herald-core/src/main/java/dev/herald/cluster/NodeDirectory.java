package dev.herald.cluster;

import java.time.Duration;
import java.util.List;

/**
 * Where the nodes of one hub post their {@link NodeCounts} and read everybody's. An entry lives for
 * {@link #ttl()} after it was recorded unless its node records it again, so a node that dies without a word
 * drops out of the totals within that time, and a node that stops gracefully {@linkplain #remove removes}
 * its entry at once.
 *
 * <p>Implementations are thread-safe. {@link MemoryNodeDirectory} serves the nodes of one process; the Redis
 * one ({@code RedisNodeDirectory}) a cluster, whose methods are network I/O and throw
 * {@link NodeDirectoryUnavailableException} while Redis is unreachable.
 */
public interface NodeDirectory extends AutoCloseable {

    /** How long an entry lives after it was recorded. */
    Duration ttl();

    /** Makes {@code counts} the entry of its node, replacing the previous one, alive for another {@link #ttl()}. */
    void record(NodeCounts counts);

    /** The entry of every node whose entry has not expired, in no particular order. */
    List<NodeCounts> live();

    /** Removes the entry of {@code nodeId} now (a node leaving gracefully); nothing happens if there is none. */
    void remove(String nodeId);

    /** Releases the directory's resources; entries already recorded live out their time. */
    @Override
    void close();
}

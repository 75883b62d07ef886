package dev.herald.server.internal.storage;

import dev.herald.broker.Broker;
import dev.herald.broker.LocalBroker;
import dev.herald.cluster.MemoryNodeDirectory;
import dev.herald.cluster.NodeDirectory;
import dev.herald.file.SqliteEventLog;
import dev.herald.log.EventLog;
import dev.herald.log.MemoryEventLog;
import dev.herald.presence.MemoryPresenceRegistry;
import dev.herald.presence.PresenceRegistry;
import dev.herald.redis.RedisOptions;
import dev.herald.redis.RedisStream;
import dev.herald.server.ServerConfig;
import dev.herald.server.StorageConfig;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * What a hub stands on: its log, its broker, where history reads run, whether the log does I/O (then
 * publishes and resuming subscribes must leave the event loop), and where nodes share their subscriber counts.
 *
 * @param log the event log
 * @param broker the broker
 * @param replayExecutor runs history reads; a small pool when the log does I/O, direct otherwise
 * @param blocking true when log calls are network or disk I/O
 * @param directory the node directory: in Redis for a cluster, in memory for a single node
 * @param presence opens the registry of subscriptions (Mercure subscriptions API) for a node id: shared in
 *     Redis for a cluster, in memory for a single node
 * @param appendedAtMillis when the shared log appended the entry at a position (epoch ms), or null when the log
 *     is this node's own: the cluster lag metric's clock
 * @param resources closed after the hub and the directory: the Redis client share, the replay pool
 */
public record HubBacking(EventLog log, Broker broker, Executor replayExecutor, boolean blocking, NodeDirectory directory,
                         Function<String, PresenceRegistry> presence, java.util.function.LongUnaryOperator appendedAtMillis,
                         AutoCloseable resources) {

    /** Replay threads for an I/O log: enough to overlap a few round trips, few enough not to starve the 2-core default. */
    static final int REPLAY_THREADS = 4;

    /** The backing {@code storage} asks for. */
    public static HubBacking create(ServerConfig config, StorageConfig storage) {
        if (storage.logDir() != null) {
            // Disk I/O on each append: the publish lock then covers a write, which is why a file log suits one node.
            EventLog log = SqliteEventLog.open(storage.logDir(), config.historySize(), config.historyBytes());
            ExecutorService replay = replayPool();
            return new HubBacking(log, new LocalBroker(), replay, true, memoryDirectory(storage), node -> new MemoryPresenceRegistry(),
                    null, replay::shutdownNow);
        }
        if (!storage.clustered()) {
            return new HubBacking(new MemoryEventLog(config.historySize(), config.historyBytes()), new LocalBroker(),
                    Runnable::run, false, memoryDirectory(storage), node -> new MemoryPresenceRegistry(), null, () -> { });
        }
        RedisStream stream = RedisStream.connect(RedisOptions.of(storage.redisUri())
                .withLimits(storage.redisMaxLength(), storage.redisMaxAge()));
        EventLog log = null;
        Broker broker = null;
        try {
            log = stream.eventLog();
            broker = stream.broker();
            NodeDirectory directory = stream.nodeDirectory(storage.clusterTtl());
            ExecutorService replay = replayPool();
            return new HubBacking(log, broker, replay, true, directory,
                    node -> stream.presenceRegistry(node, storage.clusterTtl()),
                    dev.herald.redis.RedisEventLog::appendedAtMillis, () -> {
                replay.shutdownNow();
                stream.close();
            });
        } catch (RuntimeException e) {
            if (log != null) {
                log.close();
            }
            if (broker != null) {
                broker.close();
            }
            stream.close();
            throw e;
        }
    }

    private static NodeDirectory memoryDirectory(StorageConfig storage) {
        return new MemoryNodeDirectory(storage.clusterTtl(), System::nanoTime);
    }

    /**
     * A fixed pool for history reads. Its queue is unbounded, but each subscription has at most one replay
     * step queued at a time, so it holds at most one task per open subscription.
     */
    private static ExecutorService replayPool() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(REPLAY_THREADS, task -> {
            Thread thread = new Thread(task, "herald-replay-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}

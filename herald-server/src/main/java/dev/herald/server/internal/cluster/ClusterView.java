package dev.herald.server.internal.cluster;

import dev.herald.cluster.NodeCounts;
import dev.herald.cluster.NodeDirectory;
import dev.herald.cluster.NodeDirectoryUnavailableException;
import dev.herald.hub.Hub;
import dev.herald.presence.PresenceRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's share of the cluster-wide subscriber counts. Every refresh period, on its own thread (the
 * directory may do network I/O), it records the node's counts in the {@link NodeDirectory} and reads the
 * other nodes' entries. Counts of this node are live; other nodes' are as of their last refresh and this
 * node's last read, so at most two refresh periods old, and a node that died is counted until its entry
 * expires (the directory's time to live). The same refresh keeps this node's entries in the cluster's
 * {@link PresenceRegistry} alive.
 */
public final class ClusterView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterView.class);
    /** Topics whose remote count one snapshot remembers; caps the memo against requests naming endless topics. */
    private static final int MEMO_LIMIT = 64;

    private record Snapshot(List<NodeCounts> others, long takenNanos, Map<String, Integer> following) {
    }

    private final Hub hub;
    private final NodeDirectory directory;
    private final PresenceRegistry presence;
    private final String nodeId;
    private final Duration refresh;
    private final ScheduledExecutorService timer;
    private volatile Snapshot snapshot = new Snapshot(List.of(), System.nanoTime(), new ConcurrentHashMap<>());
    private volatile boolean failing;

    private ClusterView(Hub hub, NodeDirectory directory, PresenceRegistry presence, String nodeId, Duration refresh) {
        this.hub = hub;
        this.directory = directory;
        this.presence = presence;
        this.nodeId = nodeId;
        this.refresh = refresh;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "herald-cluster-view");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A view of {@code hub}'s node {@code nodeId} through {@code directory} and {@code presence}, refreshing
     * every {@code refresh} from now on; closing the view closes both.
     */
    public static ClusterView start(Hub hub, NodeDirectory directory, PresenceRegistry presence, String nodeId, Duration refresh) {
        ClusterView view = new ClusterView(hub, directory, presence, nodeId, refresh);
        view.timer.scheduleWithFixedDelay(view::refreshNow, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
        return view;
    }

    /** The subscriptions of the whole cluster, for the Mercure subscriptions API. */
    public PresenceRegistry presence() {
        return presence;
    }

    /** This node's id in the directory. */
    public String nodeId() {
        return nodeId;
    }

    /** How often counts are refreshed. */
    public Duration refresh() {
        return refresh;
    }

    /** How long a silent node's counts stay in the totals. */
    public Duration ttl() {
        return directory.ttl();
    }

    /** This node's counts now; walks every open subscription, so call it off the event loop. */
    public NodeCounts local() {
        return NodeCounts.of(nodeId, hub.subscriptions());
    }

    /** The other live nodes' counts as of the last refresh; none when that refresh is older than the time to live. */
    public List<NodeCounts> others() {
        return current().others();
    }

    /** The subscriptions following {@code topic} in the whole cluster: this node's live count plus the others'. */
    public int subscribersOf(String topic) {
        Snapshot now = current();
        Integer remembered = now.following().get(topic);
        int remote = remembered != null ? remembered : now.others().stream().mapToInt(counts -> counts.following(topic)).sum();
        if (remembered == null && now.following().size() < MEMO_LIMIT) {
            now.following().put(topic, remote);
        }
        return hub.subscriberCount(topic) + remote;
    }

    /** Stops refreshing and removes this node's entry, so the others drop it at their next refresh. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
            directory.remove(nodeId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("could not remove this node's counts; they expire in {}", directory.ttl(), e);
        } finally {
            presence.close();
            directory.close();
        }
    }

    private Snapshot current() {
        Snapshot now = snapshot;
        if (System.nanoTime() - now.takenNanos() > directory.ttl().toNanos()) {
            // The directory has been unreachable for longer than an entry lives: what it said is no longer known.
            return new Snapshot(List.of(), now.takenNanos(), new ConcurrentHashMap<>());
        }
        return now;
    }

    private void refreshNow() {
        try {
            directory.record(local());
            presence.refresh();
            List<NodeCounts> others = directory.live().stream().filter(counts -> !counts.nodeId().equals(nodeId)).toList();
            snapshot = new Snapshot(others, System.nanoTime(), new ConcurrentHashMap<>());
            if (failing) {
                failing = false;
                LOG.info("cluster counts are refreshed again");
            }
        } catch (NodeDirectoryUnavailableException e) {
            if (!failing) {
                failing = true;
                LOG.warn("cannot refresh the cluster counts ({}); other nodes' counts are dropped after {}", e.getMessage(), directory.ttl());
            }
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: keep refreshing whatever went wrong this time.
            LOG.error("refreshing the cluster counts failed", e);
        }
    }
}

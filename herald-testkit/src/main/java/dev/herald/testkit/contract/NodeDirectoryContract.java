package dev.herald.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.cluster.NodeCounts;
import dev.herald.cluster.NodeDirectory;
import dev.herald.testkit.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link NodeDirectory} promises (see its Javadoc), as tests. An implementation's test
 * extends this class and says how a node opens a directory; two directories opened in one test belong to
 * two nodes of the same hub and must see each other's entries.
 */
public abstract class NodeDirectoryContract {

    private static final Duration LONG = Duration.ofMinutes(1);
    private final List<NodeDirectory> opened = new ArrayList<>();

    /** A directory of the test's hub, as one node opens it, whose entries live {@code ttl}. */
    protected abstract NodeDirectory newDirectory(Duration ttl);

    /** A directory opened through {@link #newDirectory} and closed after the test. */
    protected final NodeDirectory directory(Duration ttl) {
        NodeDirectory directory = newDirectory(ttl);
        opened.add(directory);
        return directory;
    }

    @AfterEach
    void closeDirectories() {
        opened.forEach(NodeDirectory::close);
    }

    private static NodeCounts counts(String nodeId, int connections) {
        return new NodeCounts(nodeId, connections, Map.of(List.of("/api/events"), connections), 0);
    }

    @Test
    void aRecordedEntryIsReadBackWithEveryCount() {
        NodeDirectory directory = directory(LONG);
        NodeCounts counts = new NodeCounts("node-a", 7, Map.of(
                List.of("*"), 1,
                List.of("/api/events"), 3,
                List.of("https://example.com/books/{id}", "https://example.com/ünïcödé"), 2), 1);

        directory.record(counts);

        assertThat(directory.live()).containsExactly(counts);
    }

    @Test
    void eachNodeSeesEveryNodesLatestEntry() {
        NodeDirectory onA = directory(LONG);
        NodeDirectory onB = directory(LONG);

        onA.record(counts("node-a", 1));
        onB.record(counts("node-b", 2));
        onA.record(counts("node-a", 3));

        assertThat(onA.live()).containsExactlyInAnyOrder(counts("node-a", 3), counts("node-b", 2));
        assertThat(onB.live()).containsExactlyInAnyOrder(counts("node-a", 3), counts("node-b", 2));
    }

    @Test
    void aRemovedEntryIsGoneAtOnce() {
        NodeDirectory onA = directory(LONG);
        NodeDirectory onB = directory(LONG);
        onA.record(counts("node-a", 1));
        onB.record(counts("node-b", 2));

        onA.remove("node-a");

        assertThat(onB.live()).containsExactly(counts("node-b", 2));
    }

    @Test
    void anEntryThatIsNotRecordedAgainVanishesAfterItsTimeToLiveWhileARecordedOneStays() {
        Duration ttl = Duration.ofMillis(500);
        NodeDirectory dying = directory(ttl);
        NodeDirectory living = directory(ttl);
        dying.record(counts("node-dead", 5));
        living.record(counts("node-alive", 1));
        long recorded = System.nanoTime();

        Await.until(Duration.ofSeconds(5), () -> {
            living.record(counts("node-alive", 1));
            return living.live().stream().noneMatch(counts -> counts.nodeId().equals("node-dead"));
        }, () -> "the unrefreshed entry to expire");

        assertThat(Duration.ofNanos(System.nanoTime() - recorded)).isGreaterThanOrEqualTo(ttl.minusMillis(50));
        assertThat(living.live()).containsExactly(counts("node-alive", 1));
    }

    @Test
    void theLargestEntryAllowedRoundTrips() {
        NodeDirectory directory = directory(LONG);
        Map<List<String>, Integer> groups = new HashMap<>();
        for (int i = 0; i < NodeCounts.MAX_GROUPS; i++) {
            groups.put(List.of("https://example.com/users/" + i + "/{feed}", "https://example.com/a-long-topic/" + "x".repeat(200)), i + 1);
        }
        NodeCounts counts = new NodeCounts("node-big", 1_000_000, groups, 42);

        directory.record(counts);

        assertThat(directory.live()).containsExactly(counts);
    }
}

package dev.herald.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.broker.LocalBroker;
import dev.herald.hub.CloseReason;
import dev.herald.hub.Hub;
import dev.herald.hub.SubscribeRequest;
import dev.herald.hub.SubscriptionSink;
import dev.herald.hub.TopicSelector;
import dev.herald.log.MemoryEventLog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeCountsTest {

    private static final SubscriptionSink IDLE = new SubscriptionSink() {
        @Override
        public void onReady() {
        }

        @Override
        public void onClosed(CloseReason reason) {
        }
    };

    private final Hub hub = new Hub(new MemoryEventLog(), new LocalBroker());

    @AfterEach
    void closeHub() {
        hub.close();
    }

    private void subscribe(String... selectors) {
        hub.subscribe(SubscribeRequest.live(TopicSelector.parseAll(List.of(selectors))), IDLE);
    }

    @Test
    void subscriptionsAreGroupedByTheSelectorsTheyFollowInAnyOrder() {
        subscribe("/a", "/b");
        subscribe("/b", "/a");
        subscribe("/a");

        NodeCounts counts = NodeCounts.of("node", hub.subscriptions());

        assertThat(counts.connections()).isEqualTo(3);
        assertThat(counts.bySelectors()).isEqualTo(Map.of(List.of("/a", "/b"), 2, List.of("/a"), 1));
        assertThat(counts.perSelector()).isEqualTo(Map.of("/a", 3, "/b", 2));
    }

    @Test
    void aSubscriptionWithSeveralMatchingSelectorsFollowsATopicOnce() {
        subscribe("/books/1", "/books/{id}", "*");
        subscribe("/books/{id}");
        subscribe("/films/{id}");

        NodeCounts counts = NodeCounts.of("node", hub.subscriptions());

        assertThat(counts.following("/books/1")).isEqualTo(2);
        assertThat(counts.following("/films/9")).isEqualTo(2);
        assertThat(counts.following("/other")).isEqualTo(1);
    }

    @Test
    void beyondTheBoundTheSmallestGroupsAreOnlyCounted() {
        for (int i = 0; i < NodeCounts.MAX_GROUPS + 5; i++) {
            subscribe("/users/" + i);
        }
        subscribe("/users/0");

        NodeCounts counts = NodeCounts.of("node", hub.subscriptions());

        assertThat(counts.connections()).isEqualTo(NodeCounts.MAX_GROUPS + 6);
        assertThat(counts.bySelectors()).hasSize(NodeCounts.MAX_GROUPS).containsEntry(List.of("/users/0"), 2);
        assertThat(counts.untracked()).isEqualTo(5);
    }

    @Test
    void aNodeIdWithALineBreakOrNegativeCountsAreRejected() {
        assertThatThrownBy(() -> new NodeCounts("a\nb", 0, Map.of(), 0)).hasMessageContaining("control characters");
        assertThatThrownBy(() -> new NodeCounts("a", -1, Map.of(), 0)).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> new NodeCounts("a", 1, Map.of(List.of("/a"), 0), 0)).hasMessageContaining("positive count");
    }

    @Test
    void aSelectorThatDoesNotParseMatchesNothing() {
        NodeCounts counts = new NodeCounts("node", 2, Map.of(List.of("/bad/{"), 1, List.of("/ok"), 1), 0);

        assertThat(counts.following("/ok")).isEqualTo(1);
        assertThat(counts.following("/bad/{")).isZero();
    }
}

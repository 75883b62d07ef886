package dev.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.cluster.NodeDirectoryUnavailableException;
import dev.herald.presence.SubscriberPresence;
import dev.herald.testkit.Await;
import dev.herald.testkit.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes' {@link RedisPresenceRegistry}s on one real Redis see each other's subscribers. */
class RedisPresenceRegistryTest {

    private static final Duration LONG = Duration.ofMinutes(1);
    private static RedisServer redis;
    private static int nextPrefix;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private String prefix;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.stop();
        }
    }

    @BeforeEach
    void choosePrefix() {
        prefix = "presence-" + nextPrefix++;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    private RedisPresenceRegistry node(String nodeId, Duration ttl) {
        RedisStream stream = RedisStream.connect(RedisOptions.of(redis.uri()).withKeyPrefix(prefix));
        RedisPresenceRegistry registry = stream.presenceRegistry(nodeId, ttl);
        opened.add(registry);
        opened.add(stream);
        return registry;
    }

    private static SubscriberPresence presence(String subscriber, String topic, String payload) {
        return new SubscriberPresence("urn:uuid:" + subscriber, topic, payload);
    }

    @Test
    void eachNodeListsTheSubscribersOfEveryNodeAndSeesThemLeave() {
        RedisPresenceRegistry a = node("a", LONG);
        RedisPresenceRegistry b = node("b", LONG);
        SubscriberPresence alice = presence("1", "/users/alice", "{\"name\":\"Alice\"}");
        SubscriberPresence books = presence("2", "/books/{id}", null);
        a.join(alice);
        b.join(books);

        Await.until(() -> a.list().size() == 2 && b.list().size() == 2, "both nodes list both subscribers");
        assertThat(b.list()).containsExactlyInAnyOrder(alice, books);

        a.leave(alice);
        assertThat(a.list()).containsExactly(books);
        Await.until(() -> b.list().equals(List.of(books)), "node b sees alice's subscription end");
    }

    @Test
    void aNodeThatStopsRefreshingDropsOutAfterItsTimeToLive() {
        RedisPresenceRegistry dying = node("dying", Duration.ofMillis(300));
        RedisPresenceRegistry survivor = node("survivor", LONG);
        dying.join(presence("3", "/t", null));
        Await.until(() -> survivor.list().size() == 1, "the survivor sees the other node's subscriber");

        // No refresh from the dying node: Redis expires its entries on its own.
        Await.until(() -> survivor.list().isEmpty(), "the silent node's subscriber expires");
        assertThat(redis.command("SMEMBERS", "{" + prefix + "}:presence-nodes")).doesNotContain("dying");
    }

    @Test
    void aRefreshRestoresEntriesThatRedisLost() {
        RedisPresenceRegistry a = node("a", LONG);
        RedisPresenceRegistry b = node("b", LONG);
        a.join(presence("4", "/restored", null));
        Await.until(() -> b.list().size() == 1, "node b sees the subscriber");

        redis.command("FLUSHALL");
        assertThat(b.list()).isEmpty();

        a.refresh();
        assertThat(b.list()).containsExactly(presence("4", "/restored", null));
    }

    @Test
    void closingWithdrawsTheNodesEntriesAtOnce() {
        RedisPresenceRegistry leaving = node("leaving", LONG);
        RedisPresenceRegistry staying = node("staying", LONG);
        leaving.join(presence("5", "/x", null));
        Await.until(() -> staying.list().size() == 1, "the staying node sees the subscriber");

        leaving.close();
        assertThat(staying.list()).isEmpty();
    }

    @Test
    void listingWhileRedisIsDownSaysSo() {
        RedisServer own = RedisServer.start();
        try {
            RedisStream stream = RedisStream.connect(RedisOptions.of(own.uri()));
            opened.add(stream);
            RedisPresenceRegistry registry = stream.presenceRegistry("n", LONG);
            opened.add(registry);
            own.stop();
            assertThatThrownBy(registry::list)
                    .isInstanceOf(NodeDirectoryUnavailableException.class)
                    .hasMessageContaining("listing the cluster's subscriptions");
        } finally {
            own.close();
        }
    }
}

package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.Await;
import dev.herald.testkit.SseRecorder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The cluster lag metric: how long after Redis appended an update a node fanned it out; only clustered nodes have it. */
class ClusterMetricsTest {

    private static final Pattern LAG_COUNT = Pattern.compile("(?m)^herald_cluster_lag_seconds_count(?:\\{[^}]*})? (\\S+)$");

    @Test
    void aNodeTimesTheUpdatesOfOtherNodesFromTheirAppendToItsFanOut() {
        try (Cluster cluster = Cluster.onFreshRedis(false)) {
            HeraldServer a = cluster.startNode();
            HeraldServer b = cluster.startNode();
            try (SseRecorder onA = cluster.subscribe(a, "/lag", null)) {
                assertThat(onA.status()).isEqualTo(200);
                double before = lagCount(cluster, a);
                cluster.publishAccepted(b, "/lag", "lag-1");
                assertThat(onA.next().lastEventId()).isEqualTo("lag-1");
                Await.until(() -> lagCount(cluster, a) >= before + 1, "node a to time the update published on node b");
            }
        }
        try (HeraldFixture single = HeraldFixture.start(HeraldFixture.base())) {
            assertThat(single.get("/metrics").body()).as("a single node has no cluster to lag behind")
                    .doesNotContain("herald_cluster_lag");
        }
    }

    private static double lagCount(Cluster cluster, HeraldServer node) {
        String body = cluster.get(node.port(), "/metrics").body();
        Matcher count = LAG_COUNT.matcher(body);
        assertThat(count.find()).as("herald_cluster_lag_seconds_count in /metrics").isTrue();
        return Double.parseDouble(count.group(1));
    }
}

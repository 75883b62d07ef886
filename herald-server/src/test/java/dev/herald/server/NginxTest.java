package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.EventSource;
import dev.herald.client.EventStream;
import dev.herald.sse.MessageEvent;
import dev.herald.testkit.Await;
import dev.herald.testkit.Nginx;
import dev.herald.testkit.RedisServer;
import dev.herald.testkit.SseRecorder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The shipped nginx recipe ({@code deploy/nginx/herald.conf}) run by a real nginx in front of two Herald nodes
 * on one real Redis: events are not held back by the proxy, and a client whose node stops resumes on the other.
 */
class NginxTest {

    private static final int MEASURED = 50;
    private static final int WARM_UP = 10;

    @Test
    void theRecipeKeepsTheDirectivesThatStopProxyBuffering() {
        String recipe = NginxRecipe.shipped();

        assertThat(recipe).contains("proxy_buffering off;", "proxy_cache off;", "proxy_http_version 1.1;",
                "proxy_set_header Connection '';", "proxy_read_timeout 24h;", "proxy_pass http://herald;");
        assertThat(recipe).doesNotContainPattern("(?m)^\\s*(ip_hash|hash|sticky)\\b");
    }

    @Test
    void anUpdatePublishedThroughNginxReachesASubscriberThroughNginxWithUnderAHundredMillisecondsAdded() {
        try (Proxied proxied = Proxied.start();
             SseRecorder direct = proxied.cluster.subscribe(proxied.nodes.get(0), "/latency/direct", null);
             SseRecorder viaNginx = SseRecorder.open(HttpClient.newHttpClient(),
                     proxied.nginx.uri(HeraldFixture.mercureQuery("/latency/nginx")), Map.of())) {
            assertThat(direct.status()).isEqualTo(200);
            assertThat(viaNginx.status()).isEqualTo(200);
            assertThat(viaNginx.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));

            long[] directMicros = new long[MEASURED];
            long[] nginxMicros = new long[MEASURED];
            for (int i = -WARM_UP; i < MEASURED; i++) {
                // Interleaved, so both paths see the same JIT state and the same noise from other processes.
                HeraldServer publishedOn = proxied.nodes.get(Math.floorMod(i, 2));
                long directTime = proxied.timeDelivery(publishedOn.port(), "/latency/direct", "d-" + i, direct);
                long nginxTime = proxied.timeDelivery(proxied.nginx.port(), "/latency/nginx", "n-" + i, viaNginx);
                if (i >= 0) {
                    directMicros[i] = directTime;
                    nginxMicros[i] = nginxTime;
                }
            }

            double directP50 = median(directMicros) / 1000.0;
            double nginxP50 = median(nginxMicros) / 1000.0;
            System.out.printf("nginx latency over %d updates: p50 direct %.3f ms, through nginx %.3f ms, added %.3f ms"
                    + " (max direct %.3f ms, through nginx %.3f ms)%n", MEASURED, directP50, nginxP50, nginxP50 - directP50,
                    Arrays.stream(directMicros).max().orElse(0) / 1000.0, Arrays.stream(nginxMicros).max().orElse(0) / 1000.0);
            assertThat(nginxP50 - directP50).as("p50 added by nginx, in ms (a buffering proxy adds seconds)").isLessThan(100.0);
        }
    }

    @Test
    void aClientThroughNginxWhoseNodeStopsResumesOnTheOtherAndReceivesEveryUpdateExactlyOnce() throws Exception {
        String topic = "/failover/nginx";
        try (Proxied proxied = Proxied.start();
             EventStream events = EventSource.builder(proxied.nginx.uri(HeraldFixture.mercureQuery(topic))).openStream()) {
            Await.until(() -> proxied.holderOfTheStream() != null, "the stream to reach a node through nginx");
            HeraldServer holder = proxied.holderOfTheStream();
            HeraldServer other = proxied.nodes.get(0) == holder ? proxied.nodes.get(1) : proxied.nodes.get(0);
            List<String> published = new ArrayList<>();
            List<String> received = new ArrayList<>();

            proxied.publishAll(topic, published, 0, 20);
            received.addAll(take(events, 20));
            Thread stopper = new Thread(holder::stop, "stop-node");
            stopper.start();
            proxied.publishAll(topic, published, 20, 40);
            stopper.join(Duration.ofSeconds(10).toMillis());
            proxied.publishAll(topic, published, 40, 60);
            received.addAll(take(events, 40));

            assertThat(received).containsExactlyElementsOf(published);
            Optional<MessageEvent> extra = events.next(Duration.ofMillis(300));
            assertThat(extra).as("nothing after the last update").isEmpty();
            assertThat(other.hub().subscriberCount()).as("the client now streams from the other node").isEqualTo(1);
        }
    }

    private static List<String> take(EventStream events, int count) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MessageEvent event = events.next(Duration.ofSeconds(20))
                    .orElseThrow(() -> new AssertionError("no update within 20 s after " + ids));
            ids.add(event.lastEventId());
        }
        return ids;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Two Herald nodes on one fresh Redis behind nginx running the shipped recipe. */
    private record Proxied(Cluster cluster, List<HeraldServer> nodes, Nginx nginx) implements AutoCloseable {

        static Proxied start() {
            Cluster cluster = Cluster.onFreshRedis(false);
            try {
                List<HeraldServer> nodes = List.of(cluster.startNode(), cluster.startNode());
                int port = RedisServer.freePort();
                Nginx nginx = Nginx.start(NginxRecipe.pointedAt(port, nodes.stream().map(HeraldServer::port).toList()), port);
                return new Proxied(cluster, nodes, nginx);
            } catch (RuntimeException | AssertionError e) {
                cluster.close();
                throw e;
            }
        }

        /** Micros from sending a publish to {@code port} until {@code subscriber} has the update. */
        long timeDelivery(int port, String topic, String id, SseRecorder subscriber) {
            long start = System.nanoTime();
            HttpResponse<String> response = cluster.publish(port, topic, id, "data of " + id);
            assertThat(response.statusCode()).as("publish of %s: %s", id, response.body()).isEqualTo(200);
            assertThat(subscriber.next(Duration.ofSeconds(5)).lastEventId()).isEqualTo(id);
            return (System.nanoTime() - start) / 1000;
        }

        /** Publishes ids {@code from} to {@code to} through nginx, retrying what a node shutting down refused. */
        void publishAll(String topic, List<String> published, int from, int to) {
            for (int i = from; i < to; i++) {
                String id = "u-" + i;
                Await.until(Duration.ofSeconds(15), () -> accepted(cluster.publish(nginx.port(), topic, id, "data of " + id), id),
                        () -> "nginx to accept the publish of " + id);
                published.add(id);
            }
        }

        /** The node holding the one open stream, or null before it arrives. */
        HeraldServer holderOfTheStream() {
            return nodes.stream().filter(node -> node.hub().subscriberCount() == 1).findFirst().orElse(null);
        }

        private static boolean accepted(HttpResponse<String> response, String id) {
            if (response.statusCode() == 502 || response.statusCode() == 503) {
                return false;
            }
            assertThat(response.statusCode()).as("publish of %s: %s", id, response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(id);
            return true;
        }

        @Override
        public void close() {
            nginx.close();
            cluster.close();
        }
    }
}

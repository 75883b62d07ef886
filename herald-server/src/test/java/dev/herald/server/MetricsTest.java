package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.MessageEvent;
import dev.herald.testkit.Await;
import dev.herald.testkit.SseRecorder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A scripted session against a real server, then a scrape of {@code GET /metrics}: every counter moved by exactly
 * what the session did.
 */
class MetricsTest {

    private static final String PUBLISHED = "herald_updates_published_total";
    private static final String DISPATCHED = "herald_updates_dispatched_total";
    private static final String DELIVERED = "herald_updates_delivered_total";
    private static final String REPLAY_REQUESTS = "herald_replay_requests_total";
    private static final String REPLAY_EVENTS = "herald_replay_events_total";
    private static final String GAPS = "herald_history_gaps_total";
    private static final String FANOUT_COUNT = "herald_publish_fanout_seconds_count";
    private static final String OPEN_H1 = "herald_subscriptions_open{transport=\"HTTP/1.1\"}";
    private static final String OPENED_LIVE = "herald_subscriptions_opened_total{resuming=\"false\"}";
    private static final String OPENED_RESUMING = "herald_subscriptions_opened_total{resuming=\"true\"}";
    private static final String CLIENT_GONE = "herald_subscriptions_closed_total{reason=\"client_gone\"}";
    private static final String SLOW = "herald_subscriptions_closed_total{reason=\"slow_consumer\"}";
    private static final String WRITTEN = "herald_stream_written_bytes_total";
    private static final String HEADER_LIMIT = "herald_limit_refusals_total{limit=\"--max-header-size\"}";

    @Test
    void aScrapeAfterAScriptedSessionShowsExactlyWhatHappened() throws Exception {
        try (HeraldFixture hub = HeraldFixture.start(HeraldFixture.base().withOutboundBudget(64 * 1024)
                .withHistory(10_000, 256L << 20))) {
            PrometheusText start = scrape(hub);

            // Two live subscribers, three updates: three fan-outs, six deliveries.
            SseRecorder first = hub.subscribe("/m/live");
            SseRecorder second = hub.subscribe("/m/live");
            assertThat(first.status()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(200);
            Await.until(() -> hub.server.hub().subscriberCount() == 2, "two subscribers");
            String one = hub.publish("/m/live", "1");
            hub.publish("/m/live", "2");
            hub.publish("/m/live", "3");
            first.awaitCount(3, Duration.ofSeconds(10));
            second.awaitCount(3, Duration.ofSeconds(10));
            PrometheusText live = scrape(hub);
            assertThat(live.since(start, PUBLISHED)).isEqualTo(3);
            assertThat(live.since(start, DISPATCHED)).isEqualTo(3);
            assertThat(live.since(start, DELIVERED)).isEqualTo(6);
            assertThat(live.since(start, FANOUT_COUNT)).isEqualTo(3);
            assertThat(live.since(start, OPENED_LIVE)).isEqualTo(2);
            assertThat(live.value(OPEN_H1)).isEqualTo(2);
            assertThat(live.since(start, WRITTEN)).isEqualTo(first.rawText().length() + second.rawText().length());

            // A replay from the first id sends the two after it; a client leaving is counted as gone.
            try (SseRecorder resumed = hub.subscribe(Map.of("Last-Event-ID", one), "/m/live")) {
                assertThat(resumed.next(2)).extracting(MessageEvent::data).containsExactly("2", "3");
            }
            // An unknown id: a history gap, and the (empty) history of its topic replayed.
            try (SseRecorder unknown = hub.subscribe(Map.of("Last-Event-ID", "never-published"), "/m/empty")) {
                assertThat(unknown.next().type()).isEqualTo("herald-history-gap");
            }
            first.close();
            Await.until(() -> hub.server.hub().subscriberCount() == 1, "the closed subscriptions to end");
            PrometheusText replays = scrape(hub);
            assertThat(replays.since(live, REPLAY_REQUESTS)).isEqualTo(2);
            assertThat(replays.since(live, OPENED_RESUMING)).isEqualTo(2);
            assertThat(replays.since(live, REPLAY_EVENTS)).isEqualTo(2);
            assertThat(replays.since(live, GAPS)).isEqualTo(1);
            assertThat(replays.since(live, CLIENT_GONE)).isEqualTo(3);
            assertThat(replays.value(OPEN_H1)).isEqualTo(1);
            assertThat(replays.since(live, PUBLISHED)).isZero();

            // A subscriber that never reads is cut: every update before the one that overflowed its budget was queued.
            PrometheusText beforeSlow = replays;
            int published = 0;
            try (Socket slow = stalledSubscriber(hub, "/m/slow")) {
                Await.until(() -> hub.server.hub().subscriberCount() == 2, "the stalled subscriber to register");
                String payload = "s".repeat(16 * 1024);
                while (hub.server.hub().subscriberCount() == 2 && published < 5000) {
                    hub.publish("/m/slow", payload);
                    published++;
                    int expected = published;
                    // Fan-out is asynchronous: wait until this update's is over before looking at the subscriber.
                    Await.until(() -> scrapeInProcess(hub).since(beforeSlow, DISPATCHED) == expected, "fan-out " + expected);
                }
                assertThat(hub.server.hub().subscriberCount()).as("the stalled subscriber was cut").isEqualTo(1);
            }
            PrometheusText afterSlow = scrape(hub);
            assertThat(afterSlow.since(beforeSlow, SLOW)).isEqualTo(1);
            assertThat(afterSlow.since(beforeSlow, PUBLISHED)).isEqualTo(published);
            assertThat(afterSlow.since(beforeSlow, DELIVERED)).isEqualTo(published - 1);
            assertThat(afterSlow.since(beforeSlow, CLIENT_GONE)).isZero();

            // A request head over --max-header-size is refused and counted by its limit.
            HttpResponse<String> tooBig = hub.send(HttpRequest.newBuilder(hub.uri("/healthz"))
                    .header("X-Padding", "p".repeat(9000)).GET().build());
            assertThat(tooBig.statusCode()).isEqualTo(431);
            assertThat(scrape(hub).since(afterSlow, HEADER_LIMIT)).isEqualTo(1);
            second.close();
        }
    }

    @Test
    void theScrapeIsPrometheusTextWithJvmMetricsAndTheLogSize() {
        try (HeraldFixture hub = HeraldFixture.start()) {
            hub.publish("/m/size", "x");
            HttpResponse<String> response = hub.get("/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
            PrometheusText text = PrometheusText.parse(response.body());
            assertThat(text.value("herald_log_entries")).isEqualTo(1);
            assertThat(text.samples().keySet()).anyMatch(series -> series.startsWith("jvm_memory_used_bytes"))
                    .anyMatch(series -> series.startsWith("jvm_gc_"))
                    .anyMatch(series -> series.startsWith("herald_publish_fanout_seconds_bucket"))
                    .contains(OPEN_H1, "herald_subscriptions_open{transport=\"HTTP/2\"}", SLOW, "herald_connections_open",
                            "herald_dispatch_backlog");
        }
    }

    @Test
    void everyMetricTheGrafanaDashboardQueriesIsExposed() throws IOException {
        String dashboard = Files.readString(Path.of("..", "deploy", "grafana", "herald.json"));
        Set<String> queried = new TreeSet<>();
        Matcher names = Pattern.compile("\\b((?:herald|jvm)_[a-z_]+)").matcher(dashboard);
        while (names.find()) {
            queried.add(names.group(1));
        }
        assertThat(queried).contains("herald_subscriptions_open", "herald_publish_fanout_seconds_bucket");
        try (HeraldFixture hub = HeraldFixture.start()) {
            hub.publish("/m/dashboard", "x");
            // Meters that appear with their first event: a limit's refusal, a GC pause.
            hub.send(HttpRequest.newBuilder(hub.uri("/healthz")).header("X-Padding", "p".repeat(9000)).GET().build());
            System.gc();
            Await.until(Duration.ofSeconds(10), () -> exposedNames(hub).containsAll(queried), () -> "every queried metric;"
                    + " missing: " + queried.stream().filter(name -> !exposedNames(hub).contains(name)).toList());
        }
    }

    private static Set<String> exposedNames(HeraldFixture hub) {
        Set<String> exposed = new TreeSet<>();
        for (String series : scrapeInProcess(hub).samples().keySet()) {
            exposed.add(series.replaceFirst("\\{.*", ""));
        }
        return exposed;
    }

    @Test
    void aMetricsTokenIsRequiredWhenSetAndMetricsCanBeTurnedOff() {
        String token = "scrape-token-0123456789";
        try (HeraldFixture hub = HeraldFixture.start(HeraldFixture.base(), StorageConfig.memory(), new MetricsConfig(true, token))) {
            assertThat(hub.get("/metrics").statusCode()).isEqualTo(401);
            HttpResponse<String> wrong = hub.send(HttpRequest.newBuilder(hub.uri("/metrics"))
                    .header("Authorization", "Bearer scrape-token-012345678X").GET().build());
            assertThat(wrong.statusCode()).isEqualTo(401);
            HttpResponse<String> right = hub.send(HttpRequest.newBuilder(hub.uri("/metrics"))
                    .header("Authorization", "Bearer " + token).GET().build());
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(right.body()).contains(PUBLISHED);
        }
        try (HeraldFixture hub = HeraldFixture.start(HeraldFixture.base(), StorageConfig.memory(), new MetricsConfig(false, null))) {
            assertThat(hub.get("/metrics").statusCode()).isEqualTo(404);
        }
    }

    private static PrometheusText scrape(HeraldFixture hub) {
        HttpResponse<String> response = hub.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    private static PrometheusText scrapeInProcess(HeraldFixture hub) {
        return PrometheusText.parse(hub.server.scrapeMetrics());
    }

    /** A subscription on a socket with a tiny receive window that is never read. */
    private static Socket stalledSubscriber(HeraldFixture hub, String topic) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("127.0.0.1", hub.server.port()));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /.well-known/mercure?topic=" + topic + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }
}

package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.MessageEvent;
import dev.herald.testkit.Await;
import dev.herald.testkit.SseRecorder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile input against every HTTP surface, while legitimate subscribers keep receiving every update in
 * order. The attacker connects from 127.0.0.2, so the per-IP limit it runs into is its own.
 */
class HostileInputTest {

    static final String ATTACKER = "127.0.0.2";
    static final int PER_IP = 20;
    static HeraldFixture hub;
    List<SseRecorder> legitimate;
    int published;

    @BeforeAll
    static void start() {
        hub = HeraldFixture.start(HeraldFixture.base().withMaxBody(64 * 1024).withLimits(LimitsConfig.defaults()
                .withConnections(5_000, PER_IP).withMaxBody(64 * 1024).withHead(4096, 2048).withPublishRate(0)));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @BeforeEach
    void subscribeLegitimately() {
        legitimate = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            legitimate.add(hub.subscribe("/legit"));
        }
        legitimate.forEach(s -> assertThat(s.status()).isEqualTo(200));
        published = 0;
        publishLegitimately();
    }

    @AfterEach
    void everyLegitimateUpdateArrivedInOrder() {
        publishLegitimately();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= published; i++) {
            expected.add("update " + i);
        }
        for (SseRecorder subscriber : legitimate) {
            assertThat(subscriber.awaitCount(published, Await.DEFAULT)).extracting(MessageEvent::data)
                    .containsExactlyElementsOf(expected);
            subscriber.close();
        }
    }

    void publishLegitimately() {
        published++;
        hub.publish("/legit", "update " + published);
    }

    @Test
    void oversizedRequestsAreRefusedWithTheirStatus() throws Exception {
        HttpResponse<String> body = hub.publishForm(HeraldFixture.publisherToken(), "topic", "/x", "data", "z".repeat(100_000));
        assertThat(body.statusCode()).isEqualTo(413);
        assertThat(body.body()).contains("--max-body");
        publishLegitimately();
        assertThat(statusOf(raw("GET /.well-known/mercure?topic=/" + "u".repeat(3000) + " HTTP/1.1\r\nHost: x\r\n\r\n"))).isEqualTo(414);
        assertThat(statusOf(raw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: " + "h".repeat(8000) + "\r\n\r\n"))).isEqualTo(431);
        publishLegitimately();
        // A chunked body without a length is cut at the limit too.
        String chunk = Integer.toHexString(32 * 1024) + "\r\n" + "c".repeat(32 * 1024) + "\r\n";
        String chunked = "POST /.well-known/mercure HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n\r\n" + chunk.repeat(4) + "0\r\n\r\n";
        assertThat(statusOf(raw(chunked))).isEqualTo(413);
    }

    @Test
    void aLegitimatePublishLargerThanEightKibibytesIsAccepted() {
        // Vert.x's own form decoder used to refuse fields over 8 KiB with a 500; --max-body is the bound.
        HttpResponse<String> large = hub.publishForm(HeraldFixture.publisherToken(), "topic", "/large", "data", "d".repeat(40_000));
        assertThat(large.statusCode()).isEqualTo(200);
        publishLegitimately();
    }

    @Test
    void malformedRequestsGetA4xxAndNeverA500() throws Exception {
        assertThat(statusOf(raw("\u0000\u0001GARBAGE\r\n\r\n"))).isEqualTo(400);
        String unknownVersion = raw("GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n");
        assertThat(Integer.parseInt(unknownVersion.substring(9, 12))).isBetween(400, 505);
        assertThat(hub.send(HttpRequest.newBuilder(hub.uri("/api/notify")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + HeraldFixture.publisherToken())
                .POST(HttpRequest.BodyPublishers.ofString("{\"unterminated")).build()).statusCode()).isEqualTo(400);
        assertThat(hub.get("/.well-known/mercure?topic=%7B%7B%7D").statusCode()).isEqualTo(400);
        assertThat(hub.publishForm("not-a-jwt", "topic", "/x", "data", "y").statusCode()).isEqualTo(401);
        publishLegitimately();
    }

    @Test
    void headerAndFieldInjectionAttemptsCannotForgeEventsOrHeaders() throws Exception {
        assertThat(hub.publishForm(HeraldFixture.publisherToken(), "topic", "/legit", "data", "x", "id", "1\r\nevent: evil")
                .statusCode()).isEqualTo(400);
        assertThat(hub.publishForm(HeraldFixture.publisherToken(), "topic", "/legit", "data", "x", "type", "t\nid: 9")
                .statusCode()).isEqualTo(400);
        assertThat(hub.publishForm(HeraldFixture.publisherToken(), "topic", "/legit\r\nX: y", "data", "x")
                .statusCode()).isEqualTo(400);
        // Line breaks in data become separate data lines of the same event, never a new event.
        try (SseRecorder watcher = hub.subscribe("/inject")) {
            watcher.status();
            hub.publishForm(HeraldFixture.publisherToken(), "topic", "/inject", "data", "a\r\n\r\nevent: evil\r\ndata: b");
            MessageEvent event = watcher.next();
            assertThat(event.type()).isEqualTo("message");
            assertThat(event.data()).isEqualTo("a\n\nevent: evil\ndata: b");
        }
        // A Last-Event-ID carrying a line break is refused (no update has such an id), never echoed into the response head.
        try (SseRecorder resumed = hub.subscribe(Map.of(), "/legit")) {
            resumed.close();
        }
        String head = raw("GET /.well-known/mercure?topic=/legit&lastEventID=" + URLEncoder.encode("x\r\nX-Evil: 1", StandardCharsets.UTF_8)
                + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(head).startsWith("HTTP/1.1 400").doesNotContainIgnoringCase("X-Evil");
        publishLegitimately();
    }

    @Test
    void thousandsOfTopicsAreRefusedBeforeAnyWorkIsDone() {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            fields.add("topic");
            fields.add("/t/" + i);
        }
        fields.add("data");
        fields.add("x");
        HttpResponse<String> publish = hub.publishForm(HeraldFixture.publisherToken(), fields.toArray(String[]::new));
        assertThat(publish.statusCode()).isEqualTo(400);
        assertThat(publish.body()).contains("--max-topics");
        StringBuilder query = new StringBuilder("/.well-known/mercure?topic=/a");
        for (int i = 0; i < 150; i++) {
            query.append("&topic=/").append(i);
        }
        assertThat(hub.get(query.toString()).statusCode()).isEqualTo(400);
        publishLegitimately();
    }

    @Test
    void invalidUtf8IsNeverA500AndHarmsNoOne() throws Exception {
        byte[] body = "topic=/legit&data=".getBytes(StandardCharsets.US_ASCII);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE};
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        form.write(body);
        form.write(bad);
        HttpResponse<String> raw = hub.send(HttpRequest.newBuilder(hub.uri("/.well-known/mercure"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer " + HeraldFixture.publisherToken())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray())).build());
        assertThat(raw.statusCode()).isLessThan(500);
        if (raw.statusCode() == 200) {
            published++;
            for (SseRecorder subscriber : legitimate) {
                subscriber.awaitCount(published, Await.DEFAULT);
            }
            // The replacement character stands in for the bad bytes; this update is not "update N", so renumber.
            legitimate.forEach(SseRecorder::close);
            subscribeLegitimately();
        }
        try (SseRecorder replaced = SseRecorder.open(hub.http, hub.uri("/.well-known/mercure?topic=%C3%28%FF"), Map.of())) {
            assertThat(replaced.status()).isLessThan(500);
        }
        assertThat(hub.publishForm(HeraldFixture.publisherToken(), "topic", "/%C3%28", "data", "x").statusCode()).isLessThan(500);
        publishLegitimately();
    }

    @Test
    void tenThousandConnectionAttemptsFromOneAddressAreRefusedWhileOthersAreServed() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < PER_IP; i++) {
                Socket socket = attackerSocket();
                socket.getOutputStream().write("GET /.well-known/mercure?topic=/held HTTP/1.1\r\nHost: x\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                held.add(socket);
            }
            Await.until(() -> hub.server.openConnections() >= PER_IP + legitimate.size(), "the attacker's streams to open");
            long heapBefore = usedHeapAfterGc();
            long refusedBefore = hub.server.limitCounts().getOrDefault("--max-connections-per-ip", 0L);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> batches = new ArrayList<>();
                for (int batch = 0; batch < 20; batch++) {
                    batches.add(pool.submit(() -> {
                        int refused = 0;
                        for (int i = 0; i < 500; i++) {
                            refused += statusOf(raw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")) == 503 ? 1 : 0;
                        }
                        return refused;
                    }));
                }
                int refused = 0;
                for (Future<Integer> batch : batches) {
                    refused += batch.get();
                    publishLegitimately();
                }
                assertThat(refused).isEqualTo(10_000);
            } finally {
                pool.shutdownNow();
            }
            assertThat(hub.server.limitCounts().get("--max-connections-per-ip") - refusedBefore).isGreaterThanOrEqualTo(10_000);
            Await.until(() -> hub.server.openConnections() <= PER_IP + legitimate.size() + 2,
                    "refused connections to be closed, got " + hub.server.openConnections());
            assertThat(usedHeapAfterGc() - heapBefore).as("heap growth over 10,000 refused connections")
                    .isLessThan(64L * 1024 * 1024);
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private static Socket attackerSocket() throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(ATTACKER, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", hub.server.port()), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Sends {@code request} from the attacker's address and returns the response head. */
    private static String raw(String request) throws IOException {
        try (Socket socket = attackerSocket()) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return readHead(socket.getInputStream());
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int statusOf(String head) {
        assertThat(head).as("a status line").startsWith("HTTP/1.");
        return Integer.parseInt(head.substring(9, 12));
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}

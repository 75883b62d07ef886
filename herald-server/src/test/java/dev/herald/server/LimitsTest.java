package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.Await;
import dev.herald.testkit.SseRecorder;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every limit over real HTTP: what a client sees when it bites, and the counter that records it. */
class LimitsTest {

    private static ServerConfig with(LimitsConfig limits) {
        return HeraldFixture.base().withLimits(limits);
    }

    @Test
    void connectionsFromOneAddressBeyondTheLimitGet503WithRetryAfterUntilOneCloses() {
        try (HeraldFixture hub = HeraldFixture.start(with(LimitsConfig.defaults().withConnections(100, 3).withPublishRate(0)))) {
            List<SseRecorder> streams = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                streams.add(hub.subscribe("/limited"));
            }
            streams.forEach(s -> assertThat(s.status()).isEqualTo(200));
            HttpResponse<String> refused = hub.get("/healthz");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(refused.body()).contains("--max-connections-per-ip");
            assertThat(hub.server.limitCounts()).containsKey("--max-connections-per-ip");

            hub.server.hub().publish(dev.herald.hub.Update.of("/limited", "the admitted streams still receive"));
            streams.forEach(s -> assertThat(s.next().data()).isEqualTo("the admitted streams still receive"));
            streams.remove(0).close();
            Await.until(() -> hub.get("/healthz").statusCode() == 200, "a slot to free up once a stream closed");
            streams.forEach(SseRecorder::close);
        }
    }

    @Test
    void connectionsBeyondTheTotalLimitGet503() {
        try (HeraldFixture hub = HeraldFixture.start(with(LimitsConfig.defaults().withConnections(2, 2).withPublishRate(0)));
             SseRecorder first = hub.subscribe("/t");
             SseRecorder second = hub.subscribe("/t")) {
            assertThat(first.status()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(200);
            try (SseRecorder third = hub.subscribe("/t")) {
                assertThat(third.status()).isEqualTo(503);
                assertThat(third.headers().firstValue("Retry-After")).isPresent();
            }
            assertThat(hub.server.limitCounts()).containsKey("--max-connections");
        }
    }

    @Test
    void moreTopicsThanAllowedIs400NamingTheFlag() {
        try (HeraldFixture hub = HeraldFixture.start(with(LimitsConfig.defaults().withConnections(100, 100).withMaxTopics(3).withPublishRate(0)))) {
            HttpResponse<String> subscribe = hub.get(HeraldFixture.mercureQuery("/a", "/b", "/c", "/d"));
            assertThat(subscribe.statusCode()).isEqualTo(400);
            assertThat(subscribe.body()).contains("--max-topics");
            HttpResponse<String> publish = hub.publishForm(HeraldFixture.publisherToken(),
                    "topic", "/a", "topic", "/b", "topic", "/c", "topic", "/d", "data", "x");
            assertThat(publish.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void aPublisherOverItsRateGets429WithRetryAfterWhileOthersPublish() {
        try (HeraldFixture hub = HeraldFixture.start(with(LimitsConfig.defaults().withConnections(100, 100).withPublishRate(2)))) {
            String eager = TestTokens.token().subject("eager").publish("*").hs256(HeraldFixture.KEY);
            String calm = TestTokens.token().subject("calm").publish("*").hs256(HeraldFixture.KEY);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                statuses.add(hub.publishForm(eager, "topic", "/rate", "data", "x").statusCode());
            }
            assertThat(statuses).contains(429);
            assertThat(statuses.subList(0, 2)).containsOnly(200);
            HttpResponse<String> limited = hub.publishForm(eager, "topic", "/rate", "data", "x");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(limited.body()).contains("--publish-rate");
            assertThat(hub.publishForm(calm, "topic", "/rate", "data", "x").statusCode()).isEqualTo(200);
            assertThat(hub.server.limitCounts()).containsKey("--publish-rate");
        }
    }

    @Test
    void anOversizedUrlIs414AndOversizedHeadersAre431() throws Exception {
        try (HeraldFixture hub = HeraldFixture.start(with(LimitsConfig.defaults().withConnections(100, 100).withHead(2048, 1024)))) {
            assertThat(rawStatus(hub, "GET /.well-known/mercure?topic=/" + "a".repeat(2000) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
                    .isEqualTo(414);
            assertThat(rawStatus(hub, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(4000) + "\r\n\r\n"))
                    .isEqualTo(431);
            assertThat(hub.server.limitCounts()).containsKeys("--max-url-length", "--max-header-size");
            assertThat(rawResponse(hub, "GET /.well-known/mercure?topic=/" + "a".repeat(2000) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
                    .matches("(?s)HTTP/1\\.[01] 414 .*").contains("exceeds 1024 bytes (--max-url-length)");
            assertThat(rawResponse(hub, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(4000) + "\r\n\r\n"))
                    .matches("(?s)HTTP/1\\.[01] 431 .*").contains("exceed 2048 bytes (--max-header-size)");
        }
    }

    @Test
    void aConnectionTricklingItsRequestIsClosedButAnEventStreamIsNot() throws Exception {
        ServerConfig config = with(LimitsConfig.defaults().withConnections(100, 100).withRequestTimeoutSeconds(1));
        try (HeraldFixture hub = HeraldFixture.start(config);
             SseRecorder stream = hub.subscribe("/patient");
             Socket slowloris = new Socket("127.0.0.1", hub.server.port())) {
            assertThat(stream.status()).isEqualTo(200);
            OutputStream out = slowloris.getOutputStream();
            out.write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            slowloris.setSoTimeout(10_000);
            InputStream in = slowloris.getInputStream();
            long start = System.nanoTime();
            // Keep trickling a header byte now and then; the server must still close the connection.
            int read = -2;
            while (read != -1 && System.nanoTime() - start < Duration.ofSeconds(10).toNanos()) {
                slowloris.setSoTimeout(300);
                try {
                    out.write('X');
                    out.flush();
                    read = in.read();
                } catch (java.net.SocketTimeoutException stillOpen) {
                    read = -2;
                } catch (java.net.SocketException reset) {
                    read = -1;
                }
            }
            assertThat(read).as("the server closed the trickling connection").isEqualTo(-1);
            assertThat(System.nanoTime() - start).as("closed within the timeout and a sweep").isLessThan(Duration.ofSeconds(3).toNanos());
            assertThat(hub.server.limitCounts()).containsKey("--request-timeout");
            hub.publish("/patient", "streams are exempt");
            assertThat(stream.next().data()).isEqualTo("streams are exempt");
        }
    }

    @Test
    void invalidLimitsStopStartupWithAMessageNamingTheFlag() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LimitsConfig.defaults().withConnections(10, 0))
                .hasMessageContaining("--max-connections-per-ip");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LimitsConfig.defaults().withPublishRate(-1))
                .hasMessageContaining("--publish-rate");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LimitsConfig.defaults().withRequestTimeoutSeconds(0))
                .hasMessageContaining("--request-timeout");
    }

    /** The whole response to {@code request}; the server closes the connection after an invalid head. */
    static String rawResponse(HeraldFixture hub, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", hub.server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    static int rawStatus(HeraldFixture hub, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", hub.server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            byte[] head = socket.getInputStream().readNBytes(12);
            String line = new String(head, StandardCharsets.ISO_8859_1);
            return Integer.parseInt(line.substring(9, 12));
        }
    }
}

package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.SseRecorder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DevelopmentModeTest {

    static HeraldFixture hub;

    @BeforeAll
    static void start() {
        hub = HeraldFixture.start(ServerConfig.defaults("127.0.0.1", 0).withHeartbeatSeconds(0));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void withoutAKeyLoopbackMayPublishWithoutATokenAndAnyoneMaySubscribe() {
        try (SseRecorder subscriber = hub.subscribe("/hello")) {
            assertThat(subscriber.status()).isEqualTo(200);
            HttpResponse<String> response = hub.publishForm(null, "topic", "/hello", "data", "world");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(subscriber.next().data()).isEqualTo("world");
        }
    }

    @Test
    void aCrossSiteFormPostIsRefusedEvenFromLoopback() {
        HttpResponse<String> response = hub.send(HttpRequest.newBuilder(hub.uri("/.well-known/mercure"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("topic=/hello&data=pwned")).build());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsStillRefused() {
        HttpResponse<String> response = hub.publishForm(HeraldFixture.publisherToken(), "topic", "/hello", "data", "x");
        assertThat(response.statusCode()).isEqualTo(401);
    }
}

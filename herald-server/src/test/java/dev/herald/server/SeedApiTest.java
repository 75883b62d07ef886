package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.MessageEvent;
import dev.herald.testkit.SseRecorder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SeedApiTest {

    static HeraldFixture hub;

    @BeforeAll
    static void start() {
        hub = HeraldFixture.start();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private HttpResponse<String> notify(String json) {
        return hub.send(HttpRequest.newBuilder(hub.uri("/api/notify"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + HeraldFixture.publisherToken())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    @Test
    void eventsStartsWithAConnectEventThenCarriesNotifications() {
        try (SseRecorder events = SseRecorder.open(hub.http, hub.uri("/api/events"), Map.of())) {
            assertThat(events.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
            MessageEvent connect = events.next();
            assertThat(connect.type()).isEqualTo("connect");
            HttpResponse<String> response = notify("{\"type\": \"notification\", \"message\": \"새 메시지\"}");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"success\":true,\"clients\":1}");
            MessageEvent notification = events.next();
            assertThat(notification.type()).isEqualTo("notification");
            assertThat(notification.data()).isEqualTo("{\"type\":\"notification\",\"message\":\"새 메시지\"}");
        }
    }

    @Test
    void eventsCarriesAnyNamedEventPublishedToItsTopic() {
        try (SseRecorder events = SseRecorder.open(hub.http, hub.uri("/api/events"), Map.of())) {
            events.next();
            hub.publishForm(HeraldFixture.publisherToken(), "topic", "/api/events", "type", "priceUpdate",
                    "data", "{\"symbol\":\"AAPL\",\"price\":1}");
            MessageEvent price = events.next();
            assertThat(price.type()).isEqualTo("priceUpdate");
            assertThat(price.data()).contains("AAPL");
        }
    }

    @Test
    void notifyCountsTheConnectedClients() {
        try (SseRecorder one = SseRecorder.open(hub.http, hub.uri("/api/events"), Map.of());
             SseRecorder two = SseRecorder.open(hub.http, hub.uri("/api/events"), Map.of())) {
            one.next();
            two.next();
            assertThat(notify("{\"n\":2}").body()).isEqualTo("{\"success\":true,\"clients\":2}");
        }
    }

    @Test
    void notifyWithInvalidJsonIs400() {
        HttpResponse<String> response = notify("{not json");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("not valid JSON");
    }

    @Test
    void notifyWithoutTokenIs401() {
        HttpResponse<String> response = hub.send(HttpRequest.newBuilder(hub.uri("/api/notify"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void healthzAnswers200WhileServing() {
        HttpResponse<String> response = hub.get("/healthz");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
    }
}

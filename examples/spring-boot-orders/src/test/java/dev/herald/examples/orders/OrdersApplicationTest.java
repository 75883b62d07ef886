package dev.herald.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.client.EventSource;
import dev.herald.client.EventStream;
import dev.herald.server.HeraldServer;
import dev.herald.server.ServerConfig;
import dev.herald.sse.MessageEvent;
import dev.herald.testkit.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The example service end to end: a real Herald with a publisher key, the Spring app configured with that
 * key (it mints its own tokens), a Java subscriber on {@code /orders/{id}}, and an order placed over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrdersApplicationTest {

    static final String KEY = "orders-example-key-that-is-at-least-32-bytes";

    static final HeraldServer HERALD = HeraldServer.start(ServerConfig.defaults("127.0.0.1", 0)
            .withPublisherKey(KEY).withAnonymous(true).withHeartbeatSeconds(0));

    @DynamicPropertySource
    static void herald(DynamicPropertyRegistry properties) {
        properties.add("herald.url", OrdersApplicationTest::hub);
        properties.add("herald.publisher-key", () -> KEY);
    }

    @AfterAll
    static void stopHerald() {
        HERALD.stop();
    }

    static String hub() {
        return "http://127.0.0.1:" + HERALD.port() + "/.well-known/mercure";
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    @Test
    void aPlacedOrderReachesItsSubscribers() throws Exception {
        try (EventStream events = EventSource.builder(URI.create(hub())).topic("/orders/{id}").openStream()) {
            Await.until(() -> HERALD.hub().subscriberCount() == 1, "the subscriber to be connected");

            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"tea\",\"quantity\":3}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            String id = json.readTree(response.body()).get("id").asText();

            MessageEvent event = events.next(Duration.ofSeconds(10)).orElseThrow(() -> new AssertionError("no update"));
            JsonNode order = json.readTree(event.data());
            assertThat(order.get("id").asText()).isEqualTo(id);
            assertThat(order.get("item").asText()).isEqualTo("tea");
            assertThat(order.get("quantity").asInt()).isEqualTo(3);
        }
    }
}

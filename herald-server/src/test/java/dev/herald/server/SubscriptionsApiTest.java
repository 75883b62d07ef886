package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.testkit.SseRecorder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Mercure subscriptions API and subscription events, behind --subscriptions. */
class SubscriptionsApiTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String WATCHER = TestTokens.token().subscribe("/.well-known/mercure/subscriptions/{topic}/{subscriber}")
            .expiresIn(Duration.ofHours(1)).hs256(HeraldFixture.KEY);
    static HeraldFixture hub;

    @BeforeAll
    static void start() {
        hub = HeraldFixture.start(HeraldFixture.base().withSubscriptionsApi(true));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return hub.send(request.build());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/ld+json");
        return JSON.readTree(response.body());
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void subscribersComingAndGoingArePublishedAsPrivateSubscriptionEvents() throws Exception {
        String payloadToken = TestTokens.token().subject("ann").subscribe("/books/{id}").payload(Map.of("name", "Ann"))
                .hs256(HeraldFixture.KEY);
        try (SseRecorder watcher = hub.subscribe(Map.of("Authorization", "Bearer " + WATCHER),
                "/.well-known/mercure/subscriptions/{topic}/{subscriber}");
             SseRecorder outsider = hub.subscribe("/.well-known/mercure/subscriptions/{topic}/{subscriber}")) {
            watcher.status();
            outsider.status();
            SseRecorder ann = hub.subscribe(Map.of("Authorization", "Bearer " + payloadToken), "/books/{id}");
            ann.status();
            JsonNode joined = nextAbout(watcher, "/books/{id}");
            assertThat(joined.get("type").asText()).isEqualTo("Subscription");
            assertThat(joined.get("topic").asText()).isEqualTo("/books/{id}");
            assertThat(joined.get("active").asBoolean()).isTrue();
            assertThat(joined.get("payload").get("name").asText()).isEqualTo("Ann");
            assertThat(joined.get("subscriber").asText()).startsWith("urn:uuid:");
            assertThat(joined.get("id").asText()).isEqualTo("/.well-known/mercure/subscriptions/"
                    + encoded("/books/{id}") + "/" + encoded(joined.get("subscriber").asText()));

            ann.close();
            JsonNode left = nextAbout(watcher, "/books/{id}");
            assertThat(left.get("active").asBoolean()).isFalse();
            assertThat(left.get("subscriber").asText()).isEqualTo(joined.get("subscriber").asText());
            assertThat(outsider.nothingUnread()).as("subscription events are private").isTrue();
        }
    }

    /** The next subscription event about {@code topic}; the watchers' own subscriptions are announced too. */
    private static JsonNode nextAbout(SseRecorder watcher, String topic) throws Exception {
        while (true) {
            JsonNode event = JSON.readTree(watcher.next().data());
            if (event.get("topic").asText().equals(topic)) {
                return event;
            }
        }
    }

    @Test
    void theListShowsActiveSubscriptionsWithTheLastEventId() throws Exception {
        try (SseRecorder one = hub.subscribe("/list/a");
             SseRecorder two = hub.subscribe("/list/a", "/list/{b}")) {
            one.status();
            two.status();
            String lastId = hub.publish("/list/a", "x");
            JsonNode all = json(get("/.well-known/mercure/subscriptions", WATCHER));
            assertThat(all.get("@context").asText()).isEqualTo("https://mercure.rocks/");
            assertThat(all.get("type").asText()).isEqualTo("Subscriptions");
            assertThat(all.get("lastEventID").asText()).isNotEmpty();
            assertThat(all.get("subscriptions").findValuesAsText("topic")).contains("/list/a", "/list/{b}");

            JsonNode forTopic = json(get("/.well-known/mercure/subscriptions/" + encoded("/list/a"), WATCHER));
            assertThat(forTopic.get("subscriptions")).hasSize(2);
            assertThat(forTopic.get("subscriptions").findValuesAsText("topic")).containsOnly("/list/a");
            assertThat(forTopic.get("id").asText()).isEqualTo("/.well-known/mercure/subscriptions/" + encoded("/list/a"));

            String subscriber = forTopic.get("subscriptions").get(0).get("subscriber").asText();
            JsonNode single = json(get("/.well-known/mercure/subscriptions/" + encoded("/list/a") + "/" + encoded(subscriber), WATCHER));
            assertThat(single.get("type").asText()).isEqualTo("Subscription");
            assertThat(single.get("subscriber").asText()).isEqualTo(subscriber);
            assertThat(single.get("lastEventID").asText()).isNotEmpty();
            assertThat(lastId).isNotEmpty();
        }
    }

    @Test
    void theApiNeedsATokenAllowedToSeeSubscriptions() throws Exception {
        assertThat(get("/.well-known/mercure/subscriptions", null).statusCode()).isEqualTo(403);
        String other = TestTokens.token().subscribe("/books/{id}").hs256(HeraldFixture.KEY);
        try (SseRecorder stream = hub.subscribe("/hidden")) {
            stream.status();
            JsonNode seen = json(get("/.well-known/mercure/subscriptions", other));
            assertThat(seen.get("subscriptions")).isEmpty();
        }
        assertThat(get("/.well-known/mercure/subscriptions/" + encoded("/none") + "/" + encoded("urn:uuid:x"), WATCHER)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void withoutTheFlagTheApiDoesNotExist() {
        try (HeraldFixture plain = HeraldFixture.start()) {
            assertThat(plain.get("/.well-known/mercure/subscriptions").statusCode()).isEqualTo(404);
        }
    }
}

package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.MessageEvent;
import dev.herald.testkit.SseRecorder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MercurePublishTest {

    static HeraldFixture hub;

    @BeforeAll
    static void start() {
        hub = HeraldFixture.start(HeraldFixture.base().withMaxBody(4096));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void publishAnswersTheGivenIdAsPlainText() {
        HttpResponse<String> response = hub.publishForm(HeraldFixture.publisherToken(),
                "topic", "/books/1", "data", "hello", "id", "book-1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(response.body()).isEqualTo("book-1");
    }

    @Test
    void publishWithoutIdAnswersAGeneratedUrnUuid() {
        String id = hub.publish("/books/2", "x");
        assertThat(id).matches("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void anUpdateReachesItsSubscriberWithIdTypeDataAndRetry() {
        try (SseRecorder subscriber = hub.subscribe("/orders/{id}")) {
            assertThat(subscriber.status()).isEqualTo(200);
            HttpResponse<String> response = hub.publishForm(HeraldFixture.publisherToken(),
                    "topic", "/orders/7", "data", "line one\nline two", "id", "o-7", "type", "orderShipped", "retry", "4000");
            assertThat(response.statusCode()).isEqualTo(200);
            MessageEvent event = subscriber.next();
            assertThat(event).isEqualTo(new MessageEvent("orderShipped", "line one\nline two", "o-7"));
            assertThat(subscriber.retries()).contains(4000L);
        }
    }

    @Test
    void anUpdateWithSeveralTopicsReachesASubscriberOfAnyOfThemOnce() {
        try (SseRecorder subscriber = hub.subscribe("/a", "/b", "*")) {
            subscriber.status();
            hub.publishForm(HeraldFixture.publisherToken(), "topic", "/a", "topic", "/b", "data", "both", "id", "ab-1");
            hub.publish("/a", "second");
            assertThat(subscriber.next().data()).isEqualTo("both");
            assertThat(subscriber.next().data()).isEqualTo("second");
            assertThat(subscriber.nothingUnread()).isTrue();
        }
    }

    @Test
    void missingTopicIs400() {
        HttpResponse<String> response = hub.publishForm(HeraldFixture.publisherToken(), "data", "x");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("topic");
    }

    @Test
    void idWithALineBreakIs400() {
        HttpResponse<String> response = hub.publishForm(HeraldFixture.publisherToken(),
                "topic", "/t", "data", "x", "id", "1\ndata: injected");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("id must not contain CR or LF");
    }

    @Test
    void theReservedIdEarliestIs400() {
        HttpResponse<String> response = hub.publishForm(HeraldFixture.publisherToken(), "topic", "/t", "data", "x", "id", "earliest");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("earliest");
    }

    @Test
    void typeWithACarriageReturnIs400() {
        HttpResponse<String> response = hub.publishForm(HeraldFixture.publisherToken(),
                "topic", "/t", "data", "x", "type", "a\rb");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("type must not contain CR or LF");
    }

    @Test
    void retryThatIsNotANumberIs400() {
        HttpResponse<String> response = hub.publishForm(HeraldFixture.publisherToken(), "topic", "/t", "retry", "soon");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("retry");
    }

    @Test
    void bodyOverMaxBodyIs413() {
        HttpResponse<String> response = hub.publishForm(HeraldFixture.publisherToken(), "topic", "/t", "data", "x".repeat(5000));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("--max-body");
    }

    @Test
    void missingJwtIs401() {
        HttpResponse<String> response = hub.publishForm(null, "topic", "/t", "data", "x");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("JWT");
    }

    @Test
    void badlySignedJwtIs401() {
        String forged = dev.herald.server.internal.auth.TokenMinter.mint(
                "another-key-that-is-at-least-32-bytes!!", List.of("*"), List.of(), Duration.ofHours(1));
        HttpResponse<String> response = hub.publishForm(forged, "topic", "/t", "data", "x");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("signature");
    }

    @Test
    void garbageJwtIs401() {
        HttpResponse<String> response = hub.publishForm("not.a.jwt", "topic", "/t", "data", "x");
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void unsignedAlgNoneJwtIs401() {
        String none = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"mercure\":{\"publish\":[\"*\"]}}".getBytes()) + ".";
        HttpResponse<String> response = hub.publishForm(none, "topic", "/t", "data", "x");
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void topicNotAllowedByTheJwtIs403() {
        String token = HeraldFixture.token(List.of("/allowed/{id}"), List.of());
        assertThat(hub.publishForm(token, "topic", "/allowed/1", "data", "x").statusCode()).isEqualTo(200);
        HttpResponse<String> response = hub.publishForm(token, "topic", "/allowed/1", "topic", "/secret", "data", "x");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("/secret");
    }

    @Test
    void wrongMethodIs405() {
        HttpResponse<String> response = hub.send(HttpRequest.newBuilder(hub.uri("/.well-known/mercure"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build());
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.body()).contains("PUT");
    }

    @Test
    void wrongContentTypeIs415() {
        HttpResponse<String> response = hub.send(HttpRequest.newBuilder(hub.uri("/.well-known/mercure"))
                .header("Authorization", "Bearer " + HeraldFixture.publisherToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(response.statusCode()).isEqualTo(415);
    }

    @Test
    void badRequestsDoNotDisturbOtherSubscribers() {
        try (SseRecorder bystander = hub.subscribe("/calm")) {
            bystander.status();
            hub.publishForm(null, "topic", "/calm", "data", "unauthorized");
            hub.publishForm(HeraldFixture.publisherToken(), "topic", "/calm", "data", "x", "id", "a\nb");
            hub.publishForm(HeraldFixture.publisherToken(), "topic", "/calm", "data", "x".repeat(5000));
            hub.get("/.well-known/mercure?topic=%7Bbad");
            hub.publish("/calm", "the only one");
            assertThat(bystander.next().data()).isEqualTo("the only one");
            assertThat(bystander.nothingUnread()).isTrue();
        }
    }
}

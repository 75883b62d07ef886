package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.internal.apps.ChatGenerator;
import dev.herald.sse.MessageEvent;
import dev.herald.testkit.SseRecorder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The applications' endpoints against malformed and hostile requests: a status and a reason, never a crash or a hang. */
class AppsHostileInputTest {

    static HeraldFixture hub;

    @BeforeAll
    static void start() {
        hub = HeraldFixture.start(HeraldFixture.base().withApps(true));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void controlCharactersAndLineBreaksInAQuestionCannotInjectSseFields() {
        String path = "/api/chat?message=hi%0D%0Aevent:%20evil%0Aid:%20x%0A%0Adata:%20injected%00";
        try (SseRecorder stream = SseRecorder.open(hub.http, hub.uri(path), Map.of())) {
            assertThat(stream.next().type()).isEqualTo("answer");
            StringBuilder text = new StringBuilder();
            for (MessageEvent event = stream.next(Duration.ofSeconds(30)); !event.data().equals("[DONE]");
                    event = stream.next(Duration.ofSeconds(30))) {
                assertThat(event.type()).isEqualTo("message");
                text.append(event.data());
            }
            assertThat(text.toString()).isEqualTo(ChatGenerator.answer("hi\r\nevent: evil\nid: x\n\ndata: injected\0"))
                    .doesNotContain("\n").doesNotContain("\r");
        }
    }

    @Test
    void malformedParametersAreRefusedWithAReason() {
        for (String path : new String[] {"/api/prices?symbols=%0D%0A", "/api/prices?symbols=,,,",
                "/api/prices?symbols=AAPL,%3Cscript%3E", "/api/chat?answer=%00", "/api/chat?answer=c0123456789abcdef0"}) {
            HttpResponse<String> response = hub.get(path);
            assertThat(response.statusCode()).as(path + " answered " + response.body()).isEqualTo(400);
            assertThat(response.body()).as(path).isNotBlank();
        }
        HttpResponse<String> longSymbol = hub.get("/api/prices?symbols=" + "A".repeat(5000));
        assertThat(longSymbol.statusCode()).isEqualTo(400);
        assertThat(longSymbol.body().length()).as("the echo of the bad symbol is bounded").isLessThan(300);
    }

    @Test
    void aQuestionInBrokenUtf8IsStillAnswered() {
        try (SseRecorder stream = SseRecorder.open(hub.http, hub.uri("/api/chat?message=%FF%FE"), Map.of())) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.next().type()).isEqualTo("answer");
        }
    }

    @Test
    void stoppingIsOnlyAPostToAWellFormedAnswer() {
        assertThat(hub.get("/api/chat/c0123456789abcdef/stop").statusCode()).isIn(404, 405);
        HttpResponse<String> traversal = hub.send(HttpRequest.newBuilder(hub.uri("/api/chat/..%2F..%2Fetc/stop"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(traversal.statusCode()).isEqualTo(404);
    }
}

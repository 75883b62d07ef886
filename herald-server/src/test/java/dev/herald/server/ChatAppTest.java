package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.internal.apps.ChatGenerator;
import dev.herald.sse.MessageEvent;
import dev.herald.testkit.SseRecorder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The chat application over HTTP: seed 5.1's stream, resumable answers, Stop, and bad questions. */
class ChatAppTest {

    private static final Duration ANSWER = Duration.ofSeconds(30);

    static HeraldFixture hub;

    @BeforeAll
    static void start() {
        hub = HeraldFixture.start(HeraldFixture.base().withApps(true));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static String chat(String message) {
        return "/api/chat?message=" + URLEncoder.encode(message, StandardCharsets.UTF_8);
    }

    private static SseRecorder open(String path, Map<String, String> headers) {
        return SseRecorder.open(hub.http, hub.uri(path), headers);
    }

    /** Reads default-type events up to {@code [DONE]}: the seed's client loop. */
    private static List<MessageEvent> untilDone(SseRecorder stream) {
        List<MessageEvent> tokens = new ArrayList<>();
        for (MessageEvent event = stream.next(ANSWER); !event.data().equals("[DONE]"); event = stream.next(ANSWER)) {
            assertThat(event.type()).isEqualTo("message");
            tokens.add(event);
        }
        return tokens;
    }

    private static String text(List<MessageEvent> tokens) {
        return tokens.stream().map(MessageEvent::data).reduce("", String::concat);
    }

    @Test
    void anAnswerStreamsTokenByTokenAndEndsWithDone() {
        String message = "How does SSE resume?";
        try (SseRecorder stream = open(chat(message), Map.of())) {
            assertThat(stream.status()).isEqualTo(200);
            MessageEvent named = stream.next(ANSWER);
            assertThat(named.type()).isEqualTo("answer");
            String answer = named.lastEventId().replace(".0", "");

            List<MessageEvent> tokens = untilDone(stream);

            assertThat(text(tokens)).isEqualTo(ChatGenerator.answer(message));
            assertThat(tokens).hasSize(ChatGenerator.tokens(message).size());
            for (int i = 0; i < tokens.size(); i++) {
                assertThat(tokens.get(i).lastEventId()).isEqualTo(answer + "." + (i + 1));
            }
        }
    }

    @Test
    void aBrowserReconnectingWithLastEventIdResumesTheSameAnswerWithoutGapOrRepeat() {
        String message = "Tell me about reconnection";
        List<MessageEvent> before = new ArrayList<>();
        try (SseRecorder first = open(chat(message), Map.of())) {
            first.next(ANSWER);
            for (int i = 0; i < 5; i++) {
                before.add(first.next(ANSWER));
            }
        }
        String lastSeen = before.get(before.size() - 1).lastEventId();

        // What EventSource does after a drop: the same URL, with the header.
        try (SseRecorder resumed = open(chat(message), Map.of("Last-Event-ID", lastSeen))) {
            List<MessageEvent> after = untilDone(resumed);

            assertThat(text(before) + text(after)).isEqualTo(ChatGenerator.answer(message));
            String doneId = resumed.received().get(resumed.received().size() - 1).lastEventId();
            assertThat(doneId).endsWith(".done");

            // Coming back after [DONE]: 204 tells EventSource to stop reconnecting.
            HttpResponse<String> finished = hub.send(HttpRequest.newBuilder(hub.uri(chat(message)))
                    .header("Last-Event-ID", doneId).GET().build());
            assertThat(finished.statusCode()).isEqualTo(204);
        }
    }

    @Test
    void aReloadedPageFollowsTheAnswerByIdFromItsLastToken() {
        String message = "Reload me";
        String answer;
        List<MessageEvent> before = new ArrayList<>();
        try (SseRecorder first = open(chat(message), Map.of())) {
            answer = first.next(ANSWER).lastEventId().replace(".0", "");
            before.add(first.next(ANSWER));
            before.add(first.next(ANSWER));
        }
        String last = before.get(1).lastEventId();

        try (SseRecorder resumed = open("/api/chat?answer=" + answer + "&lastEventID=" + last, Map.of());
             SseRecorder whole = open("/api/chat?answer=" + answer, Map.of())) {
            assertThat(text(before) + text(untilDone(resumed))).isEqualTo(ChatGenerator.answer(message));
            assertThat(text(untilDone(whole))).as("without lastEventID, from the start").isEqualTo(ChatGenerator.answer(message));
        }
    }

    @Test
    void stopCancelsTheGenerationAndTheStreamEndsWithDone() {
        String message = "A long question that I will interrupt";
        try (SseRecorder stream = open(chat(message), Map.of())) {
            String answer = stream.next(ANSWER).lastEventId().replace(".0", "");
            List<MessageEvent> tokens = new ArrayList<>(List.of(stream.next(ANSWER), stream.next(ANSWER)));

            HttpResponse<String> stopped = hub.send(HttpRequest.newBuilder(hub.uri("/api/chat/" + answer + "/stop"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(stopped.statusCode()).isEqualTo(200);
            assertThat(stopped.body()).isEqualTo("{\"stopped\":true}");
            tokens.addAll(untilDone(stream));

            String full = ChatGenerator.answer(message);
            assertThat(full).startsWith(text(tokens));
            assertThat(text(tokens)).isNotEqualTo(full);
            HttpResponse<String> again = hub.send(HttpRequest.newBuilder(hub.uri("/api/chat/" + answer + "/stop"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertThat(again.body()).isEqualTo("{\"stopped\":false}");
        }
    }

    @Test
    void aMissingEmptyOrOversizedMessageIsRefusedWithAReason() {
        assertThat(hub.get("/api/chat").statusCode()).isEqualTo(400);
        HttpResponse<String> blank = hub.get("/api/chat?message=%20%20");
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).contains("message is required");
        HttpResponse<String> oversized = hub.get(chat("x".repeat(ChatGenerator.MAX_MESSAGE_LENGTH + 1)));
        assertThat(oversized.statusCode()).isEqualTo(400);
        assertThat(oversized.body()).contains("1001 characters").contains("at most 1000");
    }

    @Test
    void unknownOrMalformedAnswersAreRefused() {
        assertThat(hub.get("/api/chat?answer=c0123456789abcdef").statusCode()).isEqualTo(404);
        assertThat(hub.get("/api/chat?answer=..%2Fetc").statusCode()).isEqualTo(400);
        HttpResponse<String> stop = hub.send(HttpRequest.newBuilder(hub.uri("/api/chat/c0123456789abcdef/stop"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(stop.statusCode()).isEqualTo(404);
    }
}

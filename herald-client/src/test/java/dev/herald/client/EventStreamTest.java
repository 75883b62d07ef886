package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.sse.MessageEvent;
import dev.herald.testkit.Script;
import dev.herald.testkit.ScriptedSseServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The blocking pull API: next with a deadline, iteration and streams, and how each ends. */
class EventStreamTest {

    private ScriptedSseServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = ScriptedSseServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private EventSourceBuilder builder() {
        return EventSource.builder(server.uri("/events")).retryDelay(Duration.ofMillis(10));
    }

    @Test
    void nextReturnsEventsInOrderAndEmptyWhenNoneArrivesInTime() throws Exception {
        server.enqueue(Script.sse().write("event: a\ndata: 1\n\ndata: 2\n\n").silence());
        try (EventStream stream = builder().openStream()) {
            assertThat(stream.next(Duration.ofSeconds(5))).contains(new MessageEvent("a", "1", ""));
            assertThat(stream.next(Duration.ofSeconds(5))).contains(new MessageEvent("message", "2", ""));
            assertThat(stream.next(Duration.ofMillis(100))).isEmpty();
            assertThat(stream.isFinished()).isFalse();
        }
    }

    @Test
    void iterationEndsNormallyWhenTheServerAnswersNoContent() throws Exception {
        server.enqueue(Script.sse().write("id: 1\ndata: a\n\n"))
                .enqueue(Script.sse().write("id: 2\ndata: b\n\n"))
                .enqueue(Script.status(204));
        List<String> seen = new ArrayList<>();
        try (EventStream stream = builder().openStream()) {
            for (MessageEvent event : stream) {
                seen.add(event.data());
            }
            assertThat(stream.isFinished()).isTrue();
            assertThat(stream.source().closeReason().orElseThrow().kind())
                    .isEqualTo(CloseReason.Kind.STOPPED_BY_SERVER);
        }
        assertThat(seen).containsExactly("a", "b");
    }

    @Test
    void iterationThrowsTheFailureThatEndedTheSourceAfterTheEventsBeforeIt() throws Exception {
        server.enqueue(Script.sse().write("data: a\n\n")).enqueue(Script.status(500).body("broken"));
        try (EventStream stream = builder().openStream()) {
            var iterator = stream.iterator();
            assertThat(iterator.next().data()).isEqualTo("a");
            assertThatThrownBy(iterator::hasNext).isInstanceOf(HttpStatusException.class)
                    .hasMessageContaining("broken");
        }
    }

    @Test
    void aStreamCollectsEveryEventUntilTheEnd() throws Exception {
        server.enqueue(Script.sse().write("data: x\n\ndata: y\n\ndata: z\n\n")).enqueue(Script.status(204));
        try (EventStream events = builder().openStream()) {
            assertThat(events.stream().map(MessageEvent::data).collect(Collectors.joining())).isEqualTo("xyz");
        }
    }

    @Test
    void closingTheStreamClosesTheSourceAndEndsIteration() throws Exception {
        server.enqueue(Script.sse().write("data: a\n\n").silence());
        EventStream stream = builder().openStream();
        assertThat(stream.next(Duration.ofSeconds(5))).isPresent();

        stream.close();

        assertThat(stream.source().awaitClosed(Duration.ofSeconds(5))).isTrue();
        assertThat(stream.iterator().hasNext()).isFalse();
        assertThat(stream.next(Duration.ofMillis(10))).isEmpty();
        assertThat(stream.isFinished()).isTrue();
    }

    @Test
    void callbacksRegisteredOnTheBuilderStillRunBesideThePullApi() throws Exception {
        List<String> seenByCallback = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.enqueue(Script.sse().write("data: both\n\n")).enqueue(Script.status(204));
        try (EventStream stream = builder().onEvent(e -> seenByCallback.add(e.data())).openStream()) {
            assertThat(stream.next(Duration.ofSeconds(5)).map(MessageEvent::data)).contains("both");
        }
        assertThat(seenByCallback).containsExactly("both");
    }
}

package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.MessageEvent;
import dev.herald.testkit.RecordedRequest;
import dev.herald.testkit.Script;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The spec's parsing edge cases, played byte-exactly by a scripted server and observed through the client. */
class EventSourceParsingTest extends ScriptedServerTest {


    /** Plays {@code script} on the first connection and 204 on the second, so the source ends by itself. */
    private void play(Script script) throws InterruptedException {
        play(script, EventSource.builder(server.uri("/events")));
    }

    private void play(Script script, EventSourceBuilder builder) throws InterruptedException {
        server.enqueue(script).enqueue(Script.status(204));
        source = Recorded.into(recorder, builder.retryDelay(Duration.ofMillis(10))).start();
        recorder.expect(OpenEvent.class);
    }

    /** The stream ended, the source reconnected, got 204 and stopped; nothing else happened. */
    private void expectEndOfScript() throws InterruptedException {
        assertThat(recorder.expect(ErrorEvent.class).willRetry()).isTrue();
        assertThat(recorder.expect(ErrorEvent.class).willRetry()).isFalse();
        assertThat(recorder.expect(CloseReason.class).kind()).isEqualTo(CloseReason.Kind.STOPPED_BY_SERVER);
        recorder.assertExhausted();
    }

    @Test
    void anEventSplitAcrossManyWritesArrivesWhole() throws Exception {
        play(Script.sse().writeSplit("event: greet\ndata: hello\ndata: world\nid: 7\n\n", 1, 6, 13, 18, 30, 35, 39, 41));

        MessageEvent event = recorder.expectEvent("greet", "hello\nworld");
        assertThat(event.lastEventId()).isEqualTo("7");
        expectEndOfScript();
    }

    @Test
    void aLeadingByteOrderMarkIsSkippedEvenWhenSplit() throws Exception {
        play(Script.sse().writeSplit("\uFEFFdata: a\n\n", 1, 2));

        recorder.expectMessage("a");
        expectEndOfScript();
    }

    @Test
    void crAndLfAndCrlfEachEndALine() throws Exception {
        play(Script.sse().write("data: a\r\rdata: b\n\ndata: c\r\n\r\ndata: d\r\ndata: e\n\r\n"));

        recorder.expectMessage("a");
        recorder.expectMessage("b");
        recorder.expectMessage("c");
        recorder.expectMessage("d\ne");
        expectEndOfScript();
    }

    @Test
    void aCrlfSplitBetweenItsCrAndLfIsOneLineEnd() throws Exception {
        play(Script.sse().writeSplit("data: a\r\ndata: b\r\n\r\n", 8, 18, 19));

        recorder.expectMessage("a\nb");
        expectEndOfScript();
    }

    @Test
    void aMultiByteCharacterSplitBetweenItsBytesSurvives() throws Exception {
        String text = "data: 한글 ✓\n\n";
        int insideFirstChar = "data: ".length() + 1;
        int insideCheckMark = "data: 한글 ".getBytes(StandardCharsets.UTF_8).length + 2;
        play(Script.sse().writeSplit(text, insideFirstChar, insideCheckMark));

        recorder.expectMessage("한글 ✓");
        expectEndOfScript();
    }

    @Test
    void anIdContainingNulIsIgnoredAndTheLastGoodIdIsSentOnReconnect() throws Exception {
        play(Script.sse().write("id: 1\ndata: a\n\nid: 2\u0000x\ndata: b\n\n"));

        assertThat(recorder.expectMessage("a").lastEventId()).isEqualTo("1");
        assertThat(recorder.expectMessage("b").lastEventId()).isEqualTo("1");
        expectEndOfScript();
        server.takeRequest(Duration.ofSeconds(5));
        assertThat(server.takeRequest(Duration.ofSeconds(5)).header("Last-Event-ID")).isEqualTo("1");
    }

    @Test
    void anUnterminatedLastEventIsNotDispatched() throws Exception {
        play(Script.sse().write("data: complete\n\ndata: cut off"));

        recorder.expectMessage("complete");
        expectEndOfScript();
    }

    @Test
    void aDataLineWithoutColonDispatchesAnEmptyEventButAFieldlessBlockDoesNot() throws Exception {
        play(Script.sse().write("event: nothing\n\ndata\n\nid: 3\n\nevent: x\ndata:\n\n"));

        assertThat(recorder.expectMessage("").lastEventId()).isEmpty();
        assertThat(recorder.expectEvent("x", "").lastEventId()).isEqualTo("3");
        expectEndOfScript();
    }

    @Test
    void onlyOneLeadingSpaceIsStrippedAndUnknownFieldsAreIgnored() throws Exception {
        play(Script.sse().write("data:  two spaces\nfoo: bar\ndata:no space\n\n"));

        recorder.expectMessage(" two spaces\nno space");
        expectEndOfScript();
    }

    @Test
    void typedListenersSeeTheirTypeAndTheCatchAllSeesEverything() throws Exception {
        List<String> greetings = new CopyOnWriteArrayList<>();
        List<String> messages = new CopyOnWriteArrayList<>();
        EventSourceBuilder builder = EventSource.builder(server.uri("/events"))
                .on("greet", e -> greetings.add(e.data()))
                .on("message", e -> messages.add(e.data()));
        play(Script.sse().write("event: greet\ndata: hi\n\ndata: plain\n\n"), builder);

        recorder.expectEvent("greet", "hi");
        recorder.expectMessage("plain");
        expectEndOfScript();
        assertThat(greetings).containsExactly("hi");
        assertThat(messages).containsExactly("plain");
    }

    @Test
    void commentsReachCommentListenersButNoEventListener() throws Exception {
        List<String> comments = new CopyOnWriteArrayList<>();
        play(Script.sse().write(": heartbeat\n:\ndata: a\n\n"),
                EventSource.builder(server.uri("/events")).onComment(comments::add));

        recorder.expectMessage("a");
        expectEndOfScript();
        assertThat(comments).containsExactly("heartbeat", "");
    }

    @Test
    void theRequestAsksForAnEventStreamWithoutCaching() throws Exception {
        play(Script.sse());

        RecordedRequest request = server.takeRequest(Duration.ofSeconds(5));
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.header("Accept")).isEqualTo("text/event-stream");
        assertThat(request.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(request.header("Last-Event-ID")).isNull();
        expectEndOfScript();
    }
}

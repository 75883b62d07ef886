package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.MessageEvent;
import dev.herald.testkit.Script;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Reconnection: Last-Event-ID, the server's retry, exponential backoff and its reset, with a fake clock. */
class EventSourceReconnectTest extends ScriptedServerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final FakeTime time = new FakeTime();

    private EventSourceBuilder fakeTimeBuilder() {
        return Recorded.into(recorder, EventSource.builder(server.uri("/events")))
                .timeSource(time)
                .backoff(ExponentialBackoff.defaults().withJitter(0));
    }

    /** Skips opens and errors until the message {@code data}, which proves its connection is open. */
    private void skipUntilMessage(String data) throws InterruptedException {
        Object signal;
        do {
            signal = recorder.expect(Object.class);
        } while (!(signal instanceof MessageEvent event && event.data().equals(data)));
    }

    @Test
    void aReconnectionSendsTheLastEventIdSeen() throws Exception {
        server.enqueue(Script.sse().write("id: 1\ndata: a\n\nid: 2\ndata: b\n\n")).enqueue(Script.status(204));
        source = fakeTimeBuilder().start();

        assertThat(server.takeRequest(WAIT).header("Last-Event-ID")).isNull();
        assertThat(server.takeRequest(WAIT).header("Last-Event-ID")).isEqualTo("2");
        assertThat(source.awaitClosed(WAIT)).isTrue();
        assertThat(source.lastEventId()).isEqualTo("2");
    }

    @Test
    void aStartingLastEventIdIsSentOnTheFirstRequest() throws Exception {
        server.enqueue(Script.sse().write("data: after 41\n\n")).enqueue(Script.status(204));
        source = fakeTimeBuilder().lastEventId("41").start();

        assertThat(server.takeRequest(WAIT).header("Last-Event-ID")).isEqualTo("41");
        assertThat(recorder.expect(OpenEvent.class).lastEventIdSent()).isEqualTo("41");
        assertThat(recorder.expectMessage("after 41").lastEventId()).isEqualTo("41");
        assertThat(server.takeRequest(WAIT).header("Last-Event-ID")).isEqualTo("41");
    }

    @Test
    void anEmptyIdResetsTheLastEventIdSoTheReconnectionSendsNone() throws Exception {
        server.enqueue(Script.sse().write("id: 1\ndata: a\n\nid:\ndata: b\n\n")).enqueue(Script.status(204));
        source = fakeTimeBuilder().start();

        server.takeRequest(WAIT);
        assertThat(server.takeRequest(WAIT).header("Last-Event-ID")).isNull();
        assertThat(source.awaitClosed(WAIT)).isTrue();
        assertThat(source.lastEventId()).isEmpty();
    }

    @Test
    void theServersRetryFieldSetsTheReconnectionDelay() throws Exception {
        server.enqueue(Script.sse().write("retry: 250\ndata: a\n\n")).enqueue(Script.status(204));
        source = fakeTimeBuilder().retryDelay(Duration.ofSeconds(3)).start();

        assertThat(time.nextSleep()).isEqualTo(Duration.ofMillis(250));
        assertThat(recorder.expect(OpenEvent.class)).isNotNull();
        recorder.expectMessage("a");
        assertThat(recorder.expect(ErrorEvent.class).retryDelay()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void anInvalidRetryFieldIsIgnored() throws Exception {
        server.enqueue(Script.sse().write("retry: 12x\nretry: -5\nretry:\nretry: 1.5\ndata: a\n\n"))
                .enqueue(Script.status(204));
        source = fakeTimeBuilder().retryDelay(Duration.ofMillis(700)).start();

        assertThat(time.nextSleep()).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void repeatedFailuresBackOffExponentiallyUpToTheCap() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(Script.sse()).enqueue(Script.sse().reset());
        }
        source = fakeTimeBuilder().retryDelay(Duration.ofMillis(100))
                .backoff(ExponentialBackoff.defaults().withJitter(0).withMaxDelay(Duration.ofSeconds(1)))
                .start();

        assertThat(time.nextSleep()).isEqualTo(Duration.ofMillis(100));
        assertThat(time.nextSleep()).isEqualTo(Duration.ofMillis(200));
        assertThat(time.nextSleep()).isEqualTo(Duration.ofMillis(400));
        assertThat(time.nextSleep()).isEqualTo(Duration.ofMillis(800));
        assertThat(time.nextSleep()).isEqualTo(Duration.ofSeconds(1));
        assertThat(time.nextSleep()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theBackoffStartsOverAfterAConnectionStayedHealthy() throws Exception {
        CountDownLatch endHealthyConnection = new CountDownLatch(1);
        server.enqueue(Script.sse()).enqueue(Script.sse()).enqueue(Script.sse())
                .enqueue(Script.sse().write("data: healthy\n\n").awaitCue(endHealthyConnection))
                .enqueue(Script.sse());
        source = fakeTimeBuilder().retryDelay(Duration.ofMillis(100)).resetBackoffAfter(Duration.ofSeconds(60)).start();
        assertThat(time.nextSleep()).isEqualTo(Duration.ofMillis(100));
        assertThat(time.nextSleep()).isEqualTo(Duration.ofMillis(200));
        assertThat(time.nextSleep()).isEqualTo(Duration.ofMillis(400));

        skipUntilMessage("healthy");
        time.advance(Duration.ofSeconds(61));
        endHealthyConnection.countDown();

        assertThat(time.nextSleep()).isEqualTo(Duration.ofMillis(100));
        assertThat(time.nextSleep()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aShortLivedConnectionDoesNotResetTheBackoff() throws Exception {
        CountDownLatch endConnection = new CountDownLatch(1);
        server.enqueue(Script.sse()).enqueue(Script.sse().write("data: brief\n\n").awaitCue(endConnection))
                .enqueue(Script.sse());
        source = fakeTimeBuilder().retryDelay(Duration.ofMillis(100)).resetBackoffAfter(Duration.ofSeconds(60)).start();
        assertThat(time.nextSleep()).isEqualTo(Duration.ofMillis(100));
        skipUntilMessage("brief");

        time.advance(Duration.ofSeconds(59));
        endConnection.countDown();

        assertThat(time.nextSleep()).isEqualTo(Duration.ofMillis(200));
    }
}

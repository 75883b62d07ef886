package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.RecordedRequest;
import dev.herald.testkit.Script;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What ends a source for good, what is retried, and what each failure reports. */
class EventSourceFailureTest extends ScriptedServerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(300);


    /** Expects the final error and the close, asserts nothing follows, and returns the failure. */
    private <T extends EventSourceException> T expectFatal(Class<T> type, CloseReason.Kind kind) throws Exception {
        ErrorEvent error = recorder.expect(ErrorEvent.class);
        assertThat(error.willRetry()).isFalse();
        assertThat(error.failure()).isInstanceOf(type);
        CloseReason reason = recorder.expect(CloseReason.class);
        assertThat(reason.kind()).isEqualTo(kind);
        assertThat(reason.failure()).isSameAs(error.failure());
        recorder.expectNothingWithin(QUIET);
        assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
        return type.cast(error.failure());
    }

    @Test
    void noContentStopsTheSourceForGoodWithoutAnError() throws Exception {
        server.enqueue(Script.status(204));
        source = recordedBuilder().start();

        HttpStatusException failure = expectFatal(HttpStatusException.class, CloseReason.Kind.STOPPED_BY_SERVER);
        assertThat(failure.status()).isEqualTo(204);
        assertThat(failure.isStopRequest()).isTrue();
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 404, 410, 500, 503})
    void aStatusOtherThan200StopsTheSourceWithTheStatusAndTheServersReason(int status) throws Exception {
        server.enqueue(Script.status(status).header("X-Trace", "t-1").body("the reason\nsecond line"));
        source = recordedBuilder().start();

        HttpStatusException failure = expectFatal(HttpStatusException.class, CloseReason.Kind.FAILED);
        assertThat(failure.status()).isEqualTo(status);
        assertThat(failure.reason()).isEqualTo("the reason");
        assertThat(failure.headers().firstValue("X-Trace")).contains("t-1");
        assertThat(failure.getMessage()).contains("HTTP " + status, "the reason", server.uri("/events").toString());
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void aWrongContentTypeStopsTheSourceWithTheTypeItGot() throws Exception {
        server.enqueue(Script.status(200).header("Content-Type", "text/html").body("<html>login</html>"));
        source = recordedBuilder().start();

        ContentTypeException failure = expectFatal(ContentTypeException.class, CloseReason.Kind.FAILED);
        assertThat(failure.contentType()).isEqualTo("text/html");
        assertThat(failure.getMessage()).contains("text/html", "text/event-stream");
    }

    @Test
    void aMissingContentTypeStopsTheSource() throws Exception {
        server.enqueue(Script.status(200).write("data: a\n\n"));
        source = recordedBuilder().start();

        assertThat(expectFatal(ContentTypeException.class, CloseReason.Kind.FAILED).contentType()).isEmpty();
    }

    @Test
    void theContentTypeIsMatchedWithoutCaseOrParameters() throws Exception {
        server.enqueue(Script.status(200).header("Content-Type", "Text/Event-Stream ; charset=UTF-8")
                .write("data: a\n\n")).enqueue(Script.status(204));
        source = recordedBuilder().start();

        recorder.expect(OpenEvent.class);
        recorder.expectMessage("a");
    }

    @Test
    void transientStatusesAreRetriedWhenTheStrategySaysSo() throws Exception {
        server.enqueue(Script.status(503).body("restarting")).enqueue(Script.status(429).body("slow down"))
                .enqueue(Script.sse().write("data: back\n\n").silence());
        source = recordedBuilder().errorStrategy(ErrorStrategy.retryTransientHttpErrors(2)).start();

        assertThat(recorder.expect(ErrorEvent.class).willRetry()).isTrue();
        assertThat(recorder.expect(ErrorEvent.class).willRetry()).isTrue();
        recorder.expect(OpenEvent.class);
        recorder.expectMessage("back");
    }

    @Test
    void theTransientStrategyGivesUpAfterItsLimit() throws Exception {
        server.enqueue(Script.status(503)).enqueue(Script.status(503));
        source = recordedBuilder().errorStrategy(ErrorStrategy.retryTransientHttpErrors(1)).start();

        assertThat(recorder.expect(ErrorEvent.class).willRetry()).isTrue();
        assertThat(expectFatal(HttpStatusException.class, CloseReason.Kind.FAILED).status()).isEqualTo(503);
    }

    @Test
    void aRedirectIsFollowed() throws Exception {
        server.enqueue(Script.status(307).header("Location", "/moved").header("Content-Length", "0"))
                .enqueue(Script.sse().write("data: here\n\n")).enqueue(Script.status(204));
        source = recordedBuilder().start();

        recorder.expect(OpenEvent.class);
        recorder.expectMessage("here");
        server.takeRequest(WAIT);
        assertThat(server.takeRequest(WAIT).path()).isEqualTo("/moved");
    }

    @Test
    void aConnectionResetIsRetried() throws Exception {
        // A reset may discard bytes not yet read, so it waits until the client has had the event.
        CountDownLatch delivered = new CountDownLatch(1);
        server.enqueue(Script.sse().write("data: a\n\n").awaitCue(delivered).reset()).enqueue(Script.status(204));
        source = recordedBuilder().start();

        recorder.expect(OpenEvent.class);
        recorder.expectMessage("a");
        delivered.countDown();
        ErrorEvent error = recorder.expect(ErrorEvent.class);
        assertThat(error.willRetry()).isTrue();
        assertThat(error.failure()).isInstanceOf(ConnectionLostException.class);
        expectFatal(HttpStatusException.class, CloseReason.Kind.STOPPED_BY_SERVER);
    }

    @Test
    void aRefusedConnectionIsRetried() throws Exception {
        server.close();
        source = recordedBuilder().start();

        for (int i = 0; i < 3; i++) {
            ErrorEvent error = recorder.expect(ErrorEvent.class);
            assertThat(error.willRetry()).isTrue();
            assertThat(error.failure()).isInstanceOf(ConnectionLostException.class)
                    .hasMessageContaining("could not connect");
        }
    }

    @Test
    void anEventLargerThanTheLimitEndsTheSourceWithAClearError() throws Exception {
        server.enqueue(Script.sse().write("data: small\n\ndata: " + "x".repeat(100) + "\n\n"));
        source = recordedBuilder().maxEventChars(50).start();

        recorder.expect(OpenEvent.class);
        recorder.expectMessage("small");
        assertThat(expectFatal(MalformedStreamException.class, CloseReason.Kind.FAILED))
                .hasMessageContaining("maxEventChars");
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheStream() throws Exception {
        server.enqueue(Script.sse().write("data: a\n\ndata: b\n\n")).enqueue(Script.status(204));
        source = recordedBuilder().on("message", e -> {
            throw new IllegalStateException("listener bug");
        }).start();

        recorder.expect(OpenEvent.class);
        recorder.expectMessage("a");
        recorder.expectMessage("b");
    }

    @Test
    void customHeadersTopicsAndQueryParametersAreSent() throws Exception {
        server.enqueue(Script.status(204));
        source = recordedBuilder().header("Authorization", "Bearer abc.def")
                .topic("https://example.com/books/{id}").topic("news")
                .queryParameter("x", "a b&c").start();

        RecordedRequest request = server.takeRequest(WAIT);
        assertThat(request.header("Authorization")).isEqualTo("Bearer abc.def");
        assertThat(request.path()).isEqualTo("/events");
        assertThat(request.queryParameters("topic")).containsExactly("https://example.com/books/{id}", "news");
        assertThat(request.queryParameters("x")).containsExactly("a b&c");
        assertThat(source.uri().getRawQuery()).startsWith("topic=https%3A%2F%2F");
    }
}

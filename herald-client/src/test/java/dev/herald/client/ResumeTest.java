package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.MessageEvent;
import dev.herald.testkit.RecordedRequest;
import dev.herald.testkit.Script;
import dev.herald.testkit.ScriptedSseServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A server stopped mid-stream and started again on the same port with the same data: the client reconnects
 * by itself, resumes with Last-Event-ID, and the consumer sees every event exactly once, in order.
 */
class ResumeTest {

    private static final int EVENTS = 20;

    /** Event {@code n} with id {@code n}: the "same data" both server lives serve. */
    private static String event(int n) {
        return "id: " + n + "\nevent: tick\ndata: tick " + n + "\n\n";
    }

    /** Serves the events after the request's Last-Event-ID; the first life stops after event {@code stopAfter}. */
    private static Script resume(RecordedRequest request, int stopAfter) {
        String lastId = request.header("Last-Event-ID");
        int from = lastId == null ? 1 : Integer.parseInt(lastId) + 1;
        Script script = Script.sse();
        for (int n = from; n <= Math.min(stopAfter, EVENTS); n++) {
            script.write(event(n));
        }
        if (stopAfter < EVENTS) {
            return script.write(event(stopAfter + 1).substring(0, 12)).silence(); // Half an event, then hang.
        }
        return script;
    }

    @Test
    void theClientResumesAfterAServerRestartAndSeesEveryEventExactlyOnceInOrder() throws Exception {
        ScriptedSseServer firstLife = ScriptedSseServer.start().respondWith(request -> resume(request, 7));
        int port = firstLife.port();
        BlockingQueue<ErrorEvent> errors = new LinkedBlockingQueue<>();
        List<String> seen = new ArrayList<>();
        ScriptedSseServer secondLife = null;
        try (EventStream stream = EventSource.builder(firstLife.uri("/ticks")).retryDelay(Duration.ofMillis(20))
                .backoff(ExponentialBackoff.defaults().withMaxDelay(Duration.ofMillis(200)))
                .onError(errors::add).openStream()) {
            for (int n = 1; n <= 7; n++) {
                seen.add(stream.next(Duration.ofSeconds(5)).map(MessageEvent::data).orElseThrow());
            }

            firstLife.close();
            assertThat(errors.poll(5, TimeUnit.SECONDS)).isNotNull(); // The cut connection,
            assertThat(errors.poll(5, TimeUnit.SECONDS)).isNotNull(); // then at least one refused attempt.
            secondLife = ScriptedSseServer.start(port).respondWith(request -> resume(request, EVENTS));
            for (MessageEvent event : stream) {
                seen.add(event.data());
                if (seen.size() == EVENTS) {
                    break;
                }
            }
            assertThat(secondLife.takeRequest(Duration.ofSeconds(5)).header("Last-Event-ID")).isEqualTo("7");
            assertThat(stream.next(Duration.ofMillis(200))).isEmpty();
        } finally {
            if (secondLife != null) {
                secondLife.close();
            }
        }
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= EVENTS; n++) {
            expected.add("tick " + n);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }
}

package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.ConnectionLostException;
import dev.herald.client.ErrorEvent;
import dev.herald.client.ErrorStrategy;
import dev.herald.client.EventSource;
import dev.herald.client.EventStream;
import dev.herald.client.HeraldPublisher;
import dev.herald.client.OpenEvent;
import dev.herald.client.Update;
import dev.herald.sse.MessageEvent;
import dev.herald.testkit.ClientRecorder;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resume test against the real server. Herald is stopped mid-stream (its listener closed, every
 * stream ended) and started again on the same port over the same {@code --log-dir}, so with the same
 * history; the Java event source reconnects by itself, and the consumer sees every published event exactly
 * once, in order.
 */
class ServerRestartTest {

    private static final String TOPIC = "/ticks";
    private static final int EVENTS = 20;

    @Test
    void theEventSourceRidesOutARestartAndItsConsumerSeesEveryEventExactlyOnceInOrder(@TempDir Path logDir)
            throws Exception {
        HeraldServer first = HeraldServer.start(HeraldFixture.base(), StorageConfig.file(logDir));
        int port = first.port();
        HeraldServer second = null;
        ClientRecorder connections = new ClientRecorder();
        List<String> seen = new ArrayList<>();
        try (EventStream stream = EventSource.builder(uri(port)).topic(TOPIC)
                .backoff(FixedBackoff.quick())
                .errorStrategy(ErrorStrategy.retryTransientHttpErrors(100)) // A stopping node may answer 503.
                .onOpen(connections::record).onError(connections::record)
                .openStream()) {
            connections.expect(OpenEvent.class);
            publish(port, 1, 7);
            take(stream, 7, seen);

            first.stop();
            assertThat(connections.expect(ErrorEvent.class).failure()).isInstanceOf(ConnectionLostException.class);
            awaitRefusedConnection(connections);
            second = HeraldServer.start(ServerConfig.defaults("127.0.0.1", port).withPublisherKey(HeraldFixture.KEY)
                    .withAnonymous(true).withHeartbeatSeconds(0), StorageConfig.file(logDir));
            publish(port, 8, 14); // Most likely before the client is back: replayed from the log.

            assertThat(reconnection(connections).lastEventIdSent()).isEqualTo("tick-7");
            publish(port, 15, EVENTS); // Live.
            take(stream, EVENTS - 7, seen);
            assertThat(stream.next(Duration.ofMillis(300))).as("no duplicate").isEmpty();
        } finally {
            first.stop();
            if (second != null) {
                second.stop();
            }
        }
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= EVENTS; n++) {
            expected.add("tick " + n);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    private static URI uri(int port) {
        return URI.create("http://127.0.0.1:" + port + "/.well-known/mercure");
    }

    private static void publish(int port, int from, int to) throws Exception {
        HeraldPublisher publisher = HeraldPublisher.to(uri(port)).withToken(HeraldFixture.publisherToken());
        for (int n = from; n <= to; n++) {
            publisher.publish(Update.of(TOPIC, "tick " + n).withId("tick-" + n));
        }
    }

    private static void take(EventStream stream, int count, List<String> seen) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            seen.add(stream.next(Duration.ofSeconds(10)).map(MessageEvent::data)
                    .orElseThrow(() -> new AssertionError("an event within 10 s; seen so far: " + seen)));
        }
    }

    /** Skips retried failures until one is a refused connection: the server is down and the client knows it. */
    private static void awaitRefusedConnection(ClientRecorder connections) throws InterruptedException {
        while (true) {
            ErrorEvent error = connections.expect(ErrorEvent.class);
            assertThat(error.willRetry()).isTrue();
            if (error.failure().getCause() instanceof ConnectException) {
                return;
            }
        }
    }

    private static OpenEvent reconnection(ClientRecorder connections) throws InterruptedException {
        while (true) {
            Object signal = connections.expect(Object.class);
            if (signal instanceof OpenEvent open) {
                return open;
            }
            assertThat(signal).isInstanceOfSatisfying(ErrorEvent.class, e -> assertThat(e.willRetry()).isTrue());
        }
    }
}

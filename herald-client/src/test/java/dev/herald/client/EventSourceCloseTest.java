package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.Script;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** close(): from any thread, at any stage, idempotent, and it really stops the source's thread. */
class EventSourceCloseTest extends ScriptedServerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final AtomicReference<Thread> sourceThread = new AtomicReference<>();

    private EventSourceBuilder threadRecordingBuilder() {
        return Recorded.into(recorder, EventSource.builder(server.uri("/events"))).threadFactory(task -> {
            Thread thread = new Thread(task, "source-under-test");
            thread.setDaemon(true);
            sourceThread.set(thread);
            return thread;
        });
    }

    private void expectClosedByClient() throws Exception {
        assertThat(source.awaitClosed(WAIT)).isTrue();
        assertThat(recorder.expect(CloseReason.class).kind()).isEqualTo(CloseReason.Kind.CLOSED_BY_CLIENT);
        recorder.expectNothingWithin(Duration.ofMillis(200));
        assertThat(source.readyState()).isEqualTo(ReadyState.CLOSED);
        assertThat(source.closeReason()).contains(CloseReason.closedByClient());
        sourceThread.get().join(WAIT.toMillis());
        assertThat(sourceThread.get().isAlive()).isFalse();
    }

    @Test
    void closeFromManyThreadsAtOnceIsIdempotentAndEndsTheThread() throws Exception {
        server.enqueue(Script.sse().write("data: a\n\n").silence());
        source = threadRecordingBuilder().start();
        recorder.expect(OpenEvent.class);
        recorder.expectMessage("a");
        assertThat(source.readyState()).isEqualTo(ReadyState.OPEN);

        CountDownLatch go = new CountDownLatch(1);
        List<Thread> closers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread closer = new Thread(() -> {
                try {
                    go.await();
                    source.close();
                    source.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            closer.start();
            closers.add(closer);
        }
        go.countDown();
        for (Thread closer : closers) {
            closer.join(WAIT.toMillis());
        }

        expectClosedByClient();
        Eventually.await("the server sees the connection closed", () -> server.openConnections() == 0);
    }

    @Test
    void closeFromAListenerStopsDeliveryAtOnce() throws Exception {
        server.enqueue(Script.sse().write("data: a\n\ndata: b\n\ndata: c\n\n").silence());
        source = threadRecordingBuilder().on("message", e -> source.close()).start();

        recorder.expect(OpenEvent.class);
        recorder.expectMessage("a");
        expectClosedByClient();
    }

    @Test
    void closeDuringABackoffWaitEndsItAtOnce() throws Exception {
        server.enqueue(Script.sse());
        source = threadRecordingBuilder().retryDelay(Duration.ofHours(1)).start();
        recorder.expect(OpenEvent.class);
        assertThat(recorder.expect(ErrorEvent.class).retryDelay()).isGreaterThan(Duration.ofMinutes(20));

        source.close();

        expectClosedByClient();
    }

    @Test
    void closeWhileWaitingForTheResponseHeadCancelsTheRequest() throws Exception {
        source = threadRecordingBuilder().start(); // No script queued: the server holds the request without answering.
        server.takeRequest(WAIT);

        source.close();

        expectClosedByClient();
    }

    @Test
    void closingAClosedSourceChangesNothing() throws Exception {
        server.enqueue(Script.status(204));
        source = threadRecordingBuilder().start();
        assertThat(source.awaitClosed(WAIT)).isTrue();
        CloseReason reason = source.closeReason().orElseThrow();

        source.close();

        assertThat(source.closeReason()).contains(reason);
        assertThat(reason.kind()).isEqualTo(CloseReason.Kind.STOPPED_BY_SERVER);
    }
}

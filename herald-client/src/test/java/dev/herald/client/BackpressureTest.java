package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.MessageEvent;
import dev.herald.testkit.Script;
import dev.herald.testkit.ScriptedSseServer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A slow consumer slows the connection down (the server's writes block) instead of making the client
 * buffer the stream, and loses nothing once it catches up.
 */
class BackpressureTest {

    private static final String EVENT = "data: " + "x".repeat(4090) + "\n\n"; // 4 KiB on the wire
    private static final int EVENTS = 16 * 1024; // 64 MiB in all
    private static final long FLOOD_BYTES = (long) EVENT.length() * EVENTS;
    /**
     * Socket buffers on both ends hold a few MiB (about 4 MiB on a Linux loopback); the point is that far
     * less than the flood was written while the consumer stood still.
     */
    private static final long BOUND_BYTES = 24L * 1024 * 1024;

    private ScriptedSseServer server;
    private EventSource source;

    @BeforeEach
    void startServer() throws Exception {
        server = ScriptedSseServer.start();
        server.enqueue(Script.sse().repeat(EVENT, EVENTS)).enqueue(Script.status(204));
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        server.close();
    }

    @Test
    void aBlockedListenerMakesTheServersWritesBlockAndThenGetsEveryEvent() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger received = new AtomicInteger();
        source = EventSource.builder(server.uri("/flood")).readTimeout(Duration.ZERO).onEvent(e -> {
            if (received.incrementAndGet() == 1) {
                awaitQuietly(release);
            }
        }).start();

        Eventually.await("the server's write blocks", () -> server.writeStalledFor(Duration.ofMillis(300)));
        assertThat(server.bytesWritten()).isLessThan(BOUND_BYTES).isLessThan(FLOOD_BYTES);
        assertThat(received).hasValue(1);

        release.countDown();
        Eventually.await("every event arrives", Duration.ofSeconds(60), () -> received.get() == EVENTS);
        assertThat(source.awaitClosed(Duration.ofSeconds(10))).isTrue();
        assertThat(received).hasValue(EVENTS);
    }

    @Test
    void aPullConsumerThatStopsTakingMakesTheServersWritesBlock() throws Exception {
        try (EventStream stream = EventSource.builder(server.uri("/flood")).readTimeout(Duration.ZERO).openStream(8)) {
            source = stream.source();
            assertThat(stream.next(Duration.ofSeconds(5))).isPresent();

            Eventually.await("the server's write blocks", () -> server.writeStalledFor(Duration.ofMillis(300)));
            assertThat(server.bytesWritten()).isLessThan(BOUND_BYTES);

            int taken = 1;
            Optional<MessageEvent> next;
            while ((next = stream.next(Duration.ofSeconds(10))).isPresent()) {
                taken++;
            }
            assertThat(stream.isFinished()).isTrue();
            assertThat(taken).isEqualTo(EVENTS);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

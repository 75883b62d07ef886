package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.Script;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The read timeout: dead connections are found and replaced; quiet but live ones are left alone. */
class ReadTimeoutTest extends ScriptedServerTest {


    @Test
    void aServerThatGoesSilentWithoutClosingIsDetectedAndReplaced() throws Exception {
        server.enqueue(Script.sse().write("id: 1\ndata: a\n\n").silence())
                .enqueue(Script.sse().write("data: b\n\n").silence());
        source = recordedBuilder().readTimeout(Duration.ofMillis(300)).start();

        recorder.expect(OpenEvent.class);
        recorder.expectMessage("a");
        ErrorEvent error = recorder.expect(ErrorEvent.class);
        assertThat(error.failure()).isInstanceOf(ReadTimeoutException.class);
        assertThat(((ReadTimeoutException) error.failure()).timeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(error.willRetry()).isTrue();
        assertThat(recorder.expect(OpenEvent.class).lastEventIdSent()).isEqualTo("1");
        recorder.expectMessage("b");
        Eventually.await("the server sees the dead connection closed by the client",
                () -> server.openConnections() == 1);
    }

    @Test
    void theReadTimeoutIsSizedFromTheHeartbeatTheServerAdvertises() throws Exception {
        server.enqueue(Script.sse().header(EventSourceBuilder.HEARTBEAT_HEADER, "100").silence());
        source = recordedBuilder().start();

        assertThat(recorder.expect(OpenEvent.class).readTimeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(recorder.expect(ErrorEvent.class).failure()).isInstanceOf(ReadTimeoutException.class);
    }

    @Test
    void withoutAnAdvertisedHeartbeatTheReadTimeoutIsGenerous() throws Exception {
        server.enqueue(Script.sse().silence());
        source = recordedBuilder().start();

        Duration timeout = recorder.expect(OpenEvent.class).readTimeout();
        assertThat(timeout).isEqualTo(EventSourceBuilder.DEFAULT_READ_TIMEOUT).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aGarbledHeartbeatHeaderFallsBackToTheDefault() throws Exception {
        server.enqueue(Script.sse().header(EventSourceBuilder.HEARTBEAT_HEADER, "soon").silence());
        source = recordedBuilder().start();

        assertThat(recorder.expect(OpenEvent.class).readTimeout()).isEqualTo(EventSourceBuilder.DEFAULT_READ_TIMEOUT);
    }

    @Test
    void aZeroReadTimeoutTurnsTheCheckOff() throws Exception {
        server.enqueue(Script.sse().header(EventSourceBuilder.HEARTBEAT_HEADER, "10").silence());
        source = recordedBuilder().readTimeout(Duration.ZERO).start();

        assertThat(recorder.expect(OpenEvent.class).readTimeout()).isZero();
        recorder.expectNothingWithin(Duration.ofMillis(300));
    }

    @Test
    void heartbeatCommentsKeepAQuietConnectionAlive() throws Exception {
        Script heartbeats = Script.sse();
        for (int i = 0; i < 8; i++) {
            heartbeats.write(": heartbeat\n").pause(Duration.ofMillis(100));
        }
        server.enqueue(heartbeats.write("data: still here\n\n").silence());
        source = recordedBuilder().readTimeout(Duration.ofMillis(400)).start();

        recorder.expect(OpenEvent.class);
        recorder.expectMessage("still here");
    }

    @Test
    void aSlowListenerDoesNotTripTheReadTimeout() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        server.enqueue(Script.sse().write("data: slow\n\ndata: next\n\n").silence());
        source = recordedBuilder().readTimeout(Duration.ofMillis(200)).on("message", e -> {
            if (e.data().equals("slow")) {
                awaitQuietly(never, Duration.ofMillis(700)); // Simulates slow work, three timeouts long.
            }
        }).start();

        recorder.expect(OpenEvent.class);
        recorder.expectMessage("slow");
        recorder.expectMessage("next");
    }

    private static void awaitQuietly(CountDownLatch latch, Duration duration) {
        try {
            latch.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

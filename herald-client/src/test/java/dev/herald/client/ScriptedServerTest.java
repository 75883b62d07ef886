package dev.herald.client;

import dev.herald.testkit.ClientRecorder;
import dev.herald.testkit.ScriptedSseServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The common frame of client tests against a scripted server: a fresh server, a recorder, one source closed after each test. */
abstract class ScriptedServerTest {

    protected final ClientRecorder recorder = new ClientRecorder();
    protected ScriptedSseServer server;
    protected EventSource source;

    @BeforeEach
    void startServer() throws Exception {
        server = ScriptedSseServer.start();
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        server.close();
    }

    /** A builder for the server's {@code /events}, recording into {@link #recorder}, retrying after 10 ms. */
    protected EventSourceBuilder recordedBuilder() {
        return Recorded.into(recorder, EventSource.builder(server.uri("/events"))).retryDelay(Duration.ofMillis(10));
    }
}

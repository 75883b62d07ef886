package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.ConnectionLostException;
import dev.herald.client.ErrorEvent;
import dev.herald.client.EventSource;
import dev.herald.client.HeraldPublisher;
import dev.herald.client.OpenEvent;
import dev.herald.client.ReadTimeoutException;
import dev.herald.client.Update;
import dev.herald.sse.MessageEvent;
import dev.herald.testkit.Await;
import dev.herald.testkit.ClientRecorder;
import dev.herald.testkit.TcpProxy;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Java client against the real Herald server: the publisher's updates reach the event source; after a
 * cut connection the source resumes with Last-Event-ID; a connection that goes silent is replaced once the
 * read timeout sized from Herald's advertised heartbeat expires. A TCP proxy between them breaks the
 * connection the way networks do.
 */
class ClientAgainstHeraldTest {

    private static final String TOPIC = "https://example.com/books/1";

    private final ClientRecorder recorder = new ClientRecorder();
    private HeraldFixture hub;
    private TcpProxy proxy;
    private EventSource source;

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        hub.close();
    }

    private EventSource listen(URI mercure) {
        return EventSource.builder(mercure).topic(TOPIC).backoff(FixedBackoff.quick())
                .onOpen(recorder::record).onEvent(recorder::record).onError(recorder::record).start();
    }

    private String publish(Update update) throws Exception {
        return HeraldPublisher.to(hub.uri("/.well-known/mercure")).withToken(HeraldFixture.publisherToken()).publish(update);
    }

    private void publishTick(int n) throws Exception {
        publish(Update.of(TOPIC, "tick " + n).withId("tick-" + n));
    }

    @Test
    void updatesFromTheJavaPublisherReachTheEventSourceWithTheirTypeIdAndData() throws Exception {
        hub = HeraldFixture.start();
        source = listen(hub.uri("/.well-known/mercure"));
        recorder.expect(OpenEvent.class); // Herald registers the subscription before it answers.

        String generated = publish(Update.of(TOPIC, "{\"stock\":0}").withType("update"));
        String chosen = publish(Update.of(TOPIC, "line one\nline two, ünïcode ✓").withId("book-1-v2"));

        assertThat(recorder.expectEvent("update", "{\"stock\":0}").lastEventId()).isEqualTo(generated).startsWith("urn:uuid:");
        assertThat(recorder.expectMessage("line one\nline two, ünïcode ✓").lastEventId()).isEqualTo(chosen).isEqualTo("book-1-v2");
        recorder.expectNothingWithin(Duration.ofMillis(200));
    }

    @Test
    void afterACutConnectionTheEventSourceResumesWithLastEventIdAndMissesNothing() throws Exception {
        hub = HeraldFixture.start();
        proxy = TcpProxy.start(hub.server.port());
        source = listen(proxy.uri("/.well-known/mercure"));
        recorder.expect(OpenEvent.class);
        for (int n = 1; n <= 3; n++) {
            publishTick(n);
            recorder.expectMessage("tick " + n);
        }

        proxy.refuseNewConnections(true); // Keep the client away while updates 4 to 6 are published.
        proxy.cutAll();
        ErrorEvent cut = recorder.expect(ErrorEvent.class);
        assertThat(cut.failure()).isInstanceOf(ConnectionLostException.class);
        assertThat(cut.willRetry()).isTrue();
        for (int n = 4; n <= 6; n++) {
            publishTick(n);
        }
        proxy.refuseNewConnections(false);

        assertThat(reconnection().lastEventIdSent()).isEqualTo("tick-3");
        publishTick(7);
        for (int n = 4; n <= 7; n++) {
            assertThat(recorder.expectMessage("tick " + n).lastEventId()).isEqualTo("tick-" + n);
        }
        recorder.expectNothingWithin(Duration.ofMillis(200));
    }

    @Test
    void aConnectionThatGoesSilentIsReplacedAfterThreeMissedHeartbeats() throws Exception {
        hub = HeraldFixture.start(HeraldFixture.base().withHeartbeatSeconds(1));
        proxy = TcpProxy.start(hub.server.port());
        source = listen(proxy.uri("/.well-known/mercure"));
        assertThat(recorder.expect(OpenEvent.class).readTimeout()).isEqualTo(Duration.ofSeconds(3));
        publishTick(1);
        recorder.expectMessage("tick 1");

        proxy.blackHoleAll(); // The connection stays open but nothing gets through, heartbeats included.
        publishTick(2);

        ErrorEvent timeout = recorder.expect(ErrorEvent.class);
        assertThat(timeout.failure()).isInstanceOf(ReadTimeoutException.class);
        assertThat(recorder.expect(OpenEvent.class).lastEventIdSent()).isEqualTo("tick-1");
        recorder.expectMessage("tick 2");
        Await.until(() -> proxy.openConnections() == 1, "the client to close the dead connection");
    }

    /** The next open connection, after any number of retried failures. */
    private OpenEvent reconnection() throws InterruptedException {
        while (true) {
            Object signal = recorder.expect(Object.class);
            if (signal instanceof OpenEvent open) {
                return open;
            }
            assertThat(signal).isInstanceOfSatisfying(ErrorEvent.class, e -> assertThat(e.willRetry()).isTrue());
        }
    }
}

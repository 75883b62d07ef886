package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.testkit.RecordedRequest;
import dev.herald.testkit.Script;
import dev.herald.testkit.ScriptedSseServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventSourceBuilderTest {

    private static final URI HUB = URI.create("http://127.0.0.1:1/.well-known/mercure");

    @Test
    void onlyHttpAndHttpsUrisAreAccepted() {
        assertThatThrownBy(() -> EventSource.builder(URI.create("ws://host/events")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http or https");
    }

    @Test
    void headerValuesThatCouldInjectHeadersAreRejected() {
        assertThatThrownBy(() -> EventSource.builder(HUB).header("Authorization", "Bearer x\r\nX-Evil: 1"))
                .hasMessageContaining("CR or LF");
    }

    @Test
    void aStartingIdThatNoServerCouldHaveSentIsRejected() {
        assertThatThrownBy(() -> EventSource.builder(HUB).lastEventId("1\n2")).hasMessageContaining("lastEventId");
        assertThatThrownBy(() -> EventSource.builder(HUB).lastEventId("1\u00002")).hasMessageContaining("NUL");
    }

    @Test
    void negativeDurationsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> EventSource.builder(HUB).readTimeout(Duration.ofSeconds(-1)))
                .hasMessageContaining("readTimeout");
        assertThatThrownBy(() -> EventSource.builder(HUB).retryDelay(Duration.ofSeconds(-1)))
                .hasMessageContaining("retryDelay");
    }

    @Test
    void topicsAreAppendedToAnExistingQuery() {
        EventSource source = EventSource.builder(URI.create("http://127.0.0.1:1/hub?jwt=x")).topic("a/b").start();
        source.close();

        assertThat(source.uri().toString()).isEqualTo("http://127.0.0.1:1/hub?jwt=x&topic=a%2Fb");
    }

    @Test
    void eventStreamsAreRequestedOverHttp11EvenWithAClientThatPrefersHttp2() throws Exception {
        try (ScriptedSseServer server = ScriptedSseServer.start()) {
            server.enqueue(Script.status(204));
            HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
            EventSource source = EventSource.builder(server.uri("/events")).httpClient(http2).start();

            RecordedRequest request = server.takeRequest(Duration.ofSeconds(5));
            assertThat(source.awaitClosed(Duration.ofSeconds(5))).isTrue();
            // Over http:// a client that may use HTTP/2 asks to upgrade the connection (h2c); HTTP/1.1 does not.
            assertThat(request.header("Upgrade")).isNull();
            assertThat(request.header("HTTP2-Settings")).isNull();
        }
    }
}

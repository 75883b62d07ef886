package dev.herald.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.client.EventSource;
import dev.herald.client.EventStream;
import dev.herald.client.HeraldPublisher;
import dev.herald.client.PublishException;
import dev.herald.server.HeraldServer;
import dev.herald.server.ServerConfig;
import dev.herald.sse.MessageEvent;
import dev.herald.testkit.Await;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter's auto-configuration against a real Herald with a publisher key, on a random loopback port. */
class HeraldAutoConfigurationTest {

    static final String KEY = "starter-test-key-that-is-at-least-32-bytes";

    static HeraldServer herald;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HeraldAutoConfiguration.class));

    @BeforeAll
    static void startHerald() {
        herald = HeraldServer.start(ServerConfig.defaults("127.0.0.1", 0).withPublisherKey(KEY).withAnonymous(true)
                .withHeartbeatSeconds(0));
    }

    @AfterAll
    static void stopHerald() {
        herald.stop();
    }

    static String hub() {
        return "http://127.0.0.1:" + herald.port() + "/.well-known/mercure";
    }

    @Test
    void aConfiguredTokenIsSentWithEveryPublish() {
        String token = new dev.herald.spring.internal.MintedPublisherTokens(KEY, java.util.List.of("/books/{id}"),
                Duration.ofMinutes(5), java.time.Clock.systemUTC()).get();
        runner.withPropertyValues("herald.url=" + hub(), "herald.publisher-token=" + token).run(context -> {
            HeraldPublisher publisher = context.getBean(HeraldPublisher.class);
            assertThat(receivedAfterPublishing(publisher, "/books/1", "{\"title\":\"Dune\"}")).isEqualTo("{\"title\":\"Dune\"}");
            // The token's claim allows /books/{id} only: the hub checks it, so it really was this token.
            assertThatThrownBy(() -> publisher.publish("/movies/1", "x"))
                    .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.status()).isEqualTo(403));
        });
    }

    @Test
    void aConfiguredKeyMintsTokensTheHubAccepts() {
        runner.withPropertyValues("herald.url=" + hub(), "herald.publisher-key=" + KEY).run(context -> {
            HeraldPublisher publisher = context.getBean(HeraldPublisher.class);
            assertThat(receivedAfterPublishing(publisher, "/orders/7", "minted")).isEqualTo("minted");
        });
    }

    @Test
    void aKeyOtherThanTheHubsIsRefusedByTheHub() {
        runner.withPropertyValues("herald.url=" + hub(), "herald.publisher-key=another-key-that-is-also-32-bytes-long")
                .run(context -> assertThatThrownBy(() -> context.getBean(HeraldPublisher.class).publish("/orders/7", "x"))
                        .isInstanceOfSatisfying(PublishException.class, e -> assertThat(e.status()).isEqualTo(401)));
    }

    @Test
    void aBareOriginGetsTheMercurePath() {
        runner.withPropertyValues("herald.url=http://127.0.0.1:" + herald.port(), "herald.publisher-key=" + KEY)
                .run(context -> assertThat(receivedAfterPublishing(context.getBean(HeraldPublisher.class), "/bare/1", "ok"))
                        .isEqualTo("ok"));
    }

    @Test
    void aMissingUrlFailsStartupNamingTheProperty() {
        runner.withPropertyValues("herald.publisher-key=" + KEY).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("herald.url")
                    .hasMessageContaining("set herald.url to the hub's URL");
        });
    }

    @Test
    void aTokenAndAKeyTogetherFailStartup() {
        runner.withPropertyValues("herald.url=" + hub(), "herald.publisher-key=" + KEY, "herald.publisher-token=abc")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("set herald.publisher-token or herald.publisher-key, not both"));
    }

    @Test
    void aShortKeyFailsStartupNamingTheProperty() {
        runner.withPropertyValues("herald.url=" + hub(), "herald.publisher-key=short")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("herald.publisher-key must be at least 32 bytes"));
    }

    @Test
    void aUrlThatIsNotHttpFailsStartup() {
        runner.withPropertyValues("herald.url=localhost:8080")
                .run(context -> assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageContaining("herald.url must be an absolute http:// or https:// URL"));
    }

    @Test
    void anApplicationsOwnPublisherWins() {
        HeraldPublisher own = HeraldPublisher.to(URI.create("http://127.0.0.1:1/.well-known/mercure"));
        runner.withPropertyValues("herald.url=" + hub()).withBean(HeraldPublisher.class, () -> own)
                .run(context -> assertThat(context.getBean(HeraldPublisher.class)).isSameAs(own));
    }

    /** Publishes {@code data} to {@code topic} with {@code publisher} and returns what a subscriber received. */
    private static String receivedAfterPublishing(HeraldPublisher publisher, String topic, String data) throws Exception {
        int before = herald.hub().subscriberCount();
        try (EventStream events = EventSource.builder(URI.create(hub())).topic(topic).openStream()) {
            Await.until(() -> herald.hub().subscriberCount() > before, "the subscriber to be connected");
            String id = publisher.publish(topic, data);
            MessageEvent event = events.next(Duration.ofSeconds(10)).orElseThrow(() -> new AssertionError("no event"));
            assertThat(event.lastEventId()).isEqualTo(id);
            return event.data();
        }
    }
}

package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.herald.testkit.SseRecorder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DevelopmentModeTest {

    static HeraldFixture hub;
    static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    @BeforeAll
    static void start() {
        Logger logger = (Logger) LoggerFactory.getLogger(DevelopmentMode.class);
        LOG.start();
        logger.addAppender(LOG);
        hub = HeraldFixture.start(ServerConfig.defaults("127.0.0.1", 0).withHeartbeatSeconds(0));
        logger.detachAppender(LOG);
    }

    @Test
    void theLogSaysHowToPublishAndGivesATokenThatOtherMachinesCanUse() {
        String message = LOG.list.stream().map(ILoggingEvent::getFormattedMessage).reduce("", String::concat);
        assertThat(message).contains("DEVELOPMENT MODE").contains("curl -d topic=/hello").contains("--publisher-jwt-key");
        Matcher bearer = Pattern.compile("Authorization: Bearer (\\S+)").matcher(message);
        assertThat(bearer.find()).as("a ready token in: %s", message).isTrue();
        // A request the loopback exemption would refuse (cross-site) succeeds with the logged token.
        HttpResponse<String> response = hub.send(HttpRequest.newBuilder(hub.uri("/.well-known/mercure"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://elsewhere.example")
                .header("Authorization", "Bearer " + bearer.group(1))
                .POST(HttpRequest.BodyPublishers.ofString("topic=/hello&data=signed")).build());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void withoutAKeyLoopbackMayPublishWithoutATokenAndAnyoneMaySubscribe() {
        try (SseRecorder subscriber = hub.subscribe("/hello")) {
            assertThat(subscriber.status()).isEqualTo(200);
            HttpResponse<String> response = hub.publishForm(null, "topic", "/hello", "data", "world");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(subscriber.next().data()).isEqualTo("world");
        }
    }

    @Test
    void aCrossSiteFormPostIsRefusedEvenFromLoopback() {
        HttpResponse<String> response = hub.send(HttpRequest.newBuilder(hub.uri("/.well-known/mercure"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("topic=/hello&data=pwned")).build());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsStillRefused() {
        HttpResponse<String> response = hub.publishForm(HeraldFixture.publisherToken(), "topic", "/hello", "data", "x");
        assertThat(response.statusCode()).isEqualTo(401);
    }
}

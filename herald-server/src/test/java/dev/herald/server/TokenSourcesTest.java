package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.read.ListAppender;
import dev.herald.testkit.SseRecorder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Where a token may come from: header, cookie (name configurable), query parameter only when enabled. */
class TokenSourcesTest {

    private static String subscriberToken() {
        return TestTokens.token().subscribe("/private/{x}").expiresIn(Duration.ofMinutes(5)).hs256(HeraldFixture.KEY);
    }

    @Test
    void aQueryTokenIsRefusedUnlessTheHubAllowsIt() {
        try (HeraldFixture hub = HeraldFixture.start()) {
            HttpResponse<String> response = hub.get("/.well-known/mercure?topic=/private/1&authorization=" + subscriberToken());
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("--allow-query-token");
        }
    }

    @Test
    void anAllowedQueryTokenAuthorizesPrivateUpdates() {
        try (HeraldFixture hub = HeraldFixture.start(HeraldFixture.base().withAuth(HeraldFixture.base().auth().withQueryToken(true)));
             SseRecorder subscriber = SseRecorder.open(hub.http,
                     hub.uri("/.well-known/mercure?topic=/private/1&authorization=" + subscriberToken()), Map.of())) {
            assertThat(subscriber.status()).isEqualTo(200);
            hub.publishForm(HeraldFixture.publisherToken(), "topic", "/private/1", "data", "for the query token", "private", "on");
            assertThat(subscriber.next().data()).isEqualTo("for the query token");
        }
    }

    @Test
    void aQueryTokenNeverAppearsInALogLine() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        String secret = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJsZWFrIn0.c2lnbmF0dXJl";
        try (HeraldFixture hub = HeraldFixture.start(HeraldFixture.base().withAuth(HeraldFixture.base().auth().withQueryToken(true)))) {
            HttpResponse<String> response = hub.get("/.well-known/mercure?topic=/x&authorization=" + secret);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).doesNotContain(secret);
        } finally {
            root.detachAppender(captured);
        }
        assertThat(captured.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(line -> line.contains(secret));
    }

    @Test
    void theConfiguredLogFormatMasksQueryTokensWhoeverLogsTheUrl() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
        LoggingEvent event = new LoggingEvent("x", context.getLogger("io.vertx.core.http"), ch.qos.logback.classic.Level.WARN,
                "bad request GET /.well-known/mercure?topic=/a&authorization=eyJ.secret.sig&x=1", null, null);
        String line = new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);
        assertThat(line).contains("authorization=[redacted]&x=1").doesNotContain("eyJ.secret.sig");
    }

    @Test
    void theCookieNameIsConfigurable() {
        try (HeraldFixture hub = HeraldFixture.start(HeraldFixture.base()
                .withAuth(HeraldFixture.base().auth().withCookie("heraldAuth", "Lax")));
             SseRecorder byName = hub.subscribe(Map.of("Cookie", "heraldAuth=" + subscriberToken()), "/private/2");
             SseRecorder byMercureName = hub.subscribe(Map.of("Cookie", "mercureAuthorization=" + subscriberToken()), "/private/2")) {
            assertThat(byName.status()).isEqualTo(200);
            assertThat(byMercureName.status()).isEqualTo(200);
            hub.publishForm(HeraldFixture.publisherToken(), "topic", "/private/2", "data", "secret", "private", "on");
            hub.publish("/private/2", "public");
            assertThat(byName.next().data()).isEqualTo("secret");
            assertThat(byMercureName.next().data()).as("the default cookie name is ignored here").isEqualTo("public");
        }
    }

    @Test
    void aCookieSentByAPageOfAForeignOriginIsRefused() {
        try (HeraldFixture hub = HeraldFixture.start(HeraldFixture.base().withCorsOrigins(java.util.List.of("https://app.example")))) {
            String cookie = "mercureAuthorization=" + subscriberToken();
            HttpResponse<String> foreign = hub.send(HttpRequest.newBuilder(hub.uri("/.well-known/mercure?topic=/private/3"))
                    .header("Cookie", cookie).header("Origin", "https://evil.example").GET().build());
            assertThat(foreign.statusCode()).isEqualTo(403);
            try (SseRecorder allowed = hub.subscribe(Map.of("Cookie", cookie, "Origin", "https://app.example"), "/private/3")) {
                assertThat(allowed.status()).isEqualTo(200);
            }
        }
    }

    @Test
    void aForeignOriginMayStillUseAnExplicitBearerToken() {
        try (HeraldFixture hub = HeraldFixture.start()) {
            HttpResponse<String> response = hub.send(HttpRequest.newBuilder(hub.uri("/.well-known/mercure"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Origin", "https://elsewhere.example")
                    .header("Authorization", "Bearer " + HeraldFixture.publisherToken())
                    .POST(HttpRequest.BodyPublishers.ofString("topic=" + URLEncoder.encode("/p", StandardCharsets.UTF_8) + "&data=x"))
                    .build());
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }
}

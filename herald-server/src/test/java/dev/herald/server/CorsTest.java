package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.SseRecorder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CORS as browsers send it: preflights for publishing, credentialed EventSource requests, and refusals. */
class CorsTest {

    static final String APP = "https://app.example";
    static HeraldFixture hub;

    @BeforeAll
    static void start() {
        hub = HeraldFixture.start(HeraldFixture.base().withCorsOrigins(List.of(APP, "http://localhost:3000")));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static HttpResponse<String> preflight(HeraldFixture target, String origin) {
        return target.send(HttpRequest.newBuilder(target.uri("/.well-known/mercure"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .build());
    }

    @Test
    void aPublishPreflightFromAnAllowedOriginIsAnsweredWithItsPermissions() {
        HttpResponse<String> response = preflight(hub, APP);
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
                .contains("Authorization").contains("Content-Type").contains("Last-Event-ID");
        assertThat(response.headers().firstValue("Vary").orElseThrow()).contains("Origin");
    }

    @Test
    void aPreflightFromAnotherOriginIsRefused() {
        HttpResponse<String> response = preflight(hub, "https://evil.example");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.body()).contains("--cors-origin");
    }

    @Test
    void aPreflightedPublishFromAnAllowedOriginSucceedsAndIsReadable() {
        HttpResponse<String> response = hub.send(HttpRequest.newBuilder(hub.uri("/.well-known/mercure"))
                .header("Origin", APP)
                .header("Authorization", "Bearer " + HeraldFixture.publisherToken())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("topic=/cors&data=hi")).build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
    }

    @Test
    void aCredentialedEventSourceFromAnAllowedOriginGetsAReadableStream() {
        String cookie = "mercureAuthorization=" + TestTokens.token().subscribe("/cors/{x}")
                .expiresIn(Duration.ofMinutes(5)).hs256(HeraldFixture.KEY);
        try (SseRecorder stream = hub.subscribe(Map.of("Origin", "http://localhost:3000", "Cookie", cookie), "/cors/1")) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
            assertThat(stream.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
            assertThat(stream.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("Last-Event-ID");
            hub.publishForm(HeraldFixture.publisherToken(), "topic", "/cors/1", "data", "private hello", "private", "on");
            assertThat(stream.next().data()).isEqualTo("private hello");
        }
    }

    @Test
    void aRequestFromAnotherOriginGetsNoCorsHeadersSoTheBrowserHidesIt() {
        try (SseRecorder stream = hub.subscribe(Map.of("Origin", "https://evil.example"), "/cors/2")) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void aWildcardOriginAllowsReadingButNeverWithCredentials() {
        try (HeraldFixture open = HeraldFixture.start(HeraldFixture.base().withCorsOrigins(List.of("*")))) {
            HttpResponse<String> response = preflight(open, "https://anyone.example");
            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
            String cookie = "mercureAuthorization=" + TestTokens.token().subscribe("*").hs256(HeraldFixture.KEY);
            HttpResponse<String> withCookie = open.send(HttpRequest.newBuilder(open.uri("/.well-known/mercure?topic=/x"))
                    .header("Origin", "https://anyone.example").header("Cookie", cookie).GET().build());
            assertThat(withCookie.statusCode()).isEqualTo(403);
        }
    }

    @Test
    void anOriginWithAPathIsRejectedAtStartupNamingTheFlag() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HeraldFixture.base().withCorsOrigins(List.of("https://app.example/")))
                .hasMessageContaining("--cors-origin");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HeraldFixture.base().withCorsOrigins(List.of("*", APP)))
                .hasMessageContaining("--cors-origin");
    }
}

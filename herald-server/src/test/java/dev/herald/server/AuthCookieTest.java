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

/** POST /.well-known/mercure/auth turns a subscriber token into the hub's HttpOnly cookie. */
class AuthCookieTest {

    static HeraldFixture hub;

    @BeforeAll
    static void start() {
        hub = HeraldFixture.start(HeraldFixture.base().withCorsOrigins(List.of("https://app.example")));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static HttpResponse<String> setCookie(HeraldFixture target, String token, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.uri("/.well-known/mercure/auth"))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return target.send(request.build());
    }

    @Test
    void aValidTokenBecomesAnHttpOnlyStrictCookieScopedToTheHubForTheTokensLifetime() {
        String token = TestTokens.token().subscribe("/me/{x}").expiresIn(Duration.ofMinutes(10)).hs256(HeraldFixture.KEY);
        HttpResponse<String> response = setCookie(hub, token, "https://app.example");
        assertThat(response.statusCode()).isEqualTo(204);
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("mercureAuthorization=" + token + ";")
                .containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/.well-known/mercure")
                .containsPattern("Max-Age=(59\\d|6[0-2]\\d|630)")
                .doesNotContain("Secure");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");

        try (SseRecorder stream = hub.subscribe(Map.of("Cookie", cookie.substring(0, cookie.indexOf(';'))), "/me/1")) {
            stream.status();
            hub.publishForm(HeraldFixture.publisherToken(), "topic", "/me/1", "data", "mine", "private", "on");
            assertThat(stream.next().data()).isEqualTo("mine");
        }
    }

    @Test
    void anInvalidTokenSetsNoCookie() {
        HttpResponse<String> response = setCookie(hub, TestTokens.token().subscribe("*").hs256("wrong-key-wrong-key-wrong-key-wrong-key"), null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(setCookie(hub, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aForeignPageCannotPlantItsTokenInTheUsersCookie() {
        String token = TestTokens.token().subscribe("*").hs256(HeraldFixture.KEY);
        HttpResponse<String> response = setCookie(hub, token, "https://evil.example");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void deleteClearsTheCookie() {
        HttpResponse<String> response = hub.send(HttpRequest.newBuilder(hub.uri("/.well-known/mercure/auth")).DELETE().build());
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Set-Cookie").orElseThrow())
                .startsWith("mercureAuthorization=;").contains("Max-Age=0");
    }

    @Test
    void sameSiteIsConfigurableAndNoneImpliesSecure() {
        try (HeraldFixture lax = HeraldFixture.start(HeraldFixture.base().withAuth(HeraldFixture.base().auth().withCookie("mercureAuthorization", "None")))) {
            String token = TestTokens.token().subscribe("*").hs256(HeraldFixture.KEY);
            String cookie = setCookie(lax, token, null).headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(cookie).contains("SameSite=None").contains("Secure");
        }
    }
}

package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.sse.MessageEvent;
import dev.herald.testkit.SseRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The notifications application over HTTP: sign-in cookie, private per-user streams, read events, refusals. */
class NotificationsAppTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static HeraldFixture hub;

    @BeforeAll
    static void start() {
        hub = HeraldFixture.start(HeraldFixture.base().withApps(true));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> signIn(String body) {
        return hub.send(HttpRequest.newBuilder(hub.uri("/api/notifications/session"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Signs {@code name} in; returns the Cookie header value to send. */
    private static String session(String name) {
        HttpResponse<String> response = signIn("{\"name\":\"" + name + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static HttpResponse<String> post(String cookie, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return hub.send(request.build());
    }

    private static SseRecorder stream(String cookie) {
        SseRecorder stream = SseRecorder.open(hub.http, hub.uri("/api/notifications"), Map.of("Cookie", cookie));
        assertThat(stream.status()).isEqualTo(200);
        return stream;
    }

    @Test
    void signingInSetsAnHttpOnlyStrictCookieThatSaysWhoIsSignedIn() {
        HttpResponse<String> response = signIn("{\"name\":\"alice\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("heraldUser=")
                .containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/api/notifications");
        HttpResponse<String> whoAmI = hub.send(HttpRequest.newBuilder(hub.uri("/api/notifications/session"))
                .header("Cookie", session("alice")).build());
        assertThat(json(whoAmI.body()).get("name").asText()).isEqualTo("alice");
    }

    @Test
    void aNotificationReachesEveryStreamOfItsUserOnlyAndReadReachesThemAllToo() {
        String alice = session("alice");
        String bob = session("bob");
        try (SseRecorder aliceTab1 = stream(alice); SseRecorder aliceTab2 = stream(alice); SseRecorder bobTab = stream(bob);
             SseRecorder wildcard = hub.subscribe("/users/{name}/notifications")) {
            HttpResponse<String> sent = post(bob, "/api/notifications", "{\"to\":\"alice\",\"message\":\"lunch?\"}");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
            String id = json(sent.body()).get("id").asText();
            for (SseRecorder tab : new SseRecorder[] {aliceTab1, aliceTab2}) {
                MessageEvent event = tab.next();
                assertThat(event.type()).isEqualTo("notification");
                JsonNode notification = json(event.data());
                assertThat(notification.get("id").asText()).isEqualTo(id);
                assertThat(notification.get("message").asText()).isEqualTo("lunch?");
                assertThat(notification.get("from").asText()).isEqualTo("bob");
            }

            assertThat(post(alice, "/api/notifications/" + id + "/read", "").statusCode()).isEqualTo(200);
            for (SseRecorder tab : new SseRecorder[] {aliceTab1, aliceTab2}) {
                MessageEvent event = tab.next();
                assertThat(event.type()).isEqualTo("read");
                assertThat(json(event.data()).get("notificationId").asText()).isEqualTo(id);
            }

            // Bob's and an anonymous wildcard stream: the first thing either gets is what was meant for them.
            post(alice, "/api/notifications", "{\"to\":\"bob\",\"message\":\"yes\"}");
            assertThat(json(bobTab.next().data()).get("message").asText()).isEqualTo("yes");
            hub.publish("/users/carol/notifications", "a public marker");
            assertThat(wildcard.next().data()).isEqualTo("a public marker");
        }
    }

    @Test
    void withoutASessionEveryCallIs401WithHowToSignIn() {
        HttpResponse<String> stream = hub.get("/api/notifications");
        assertThat(stream.statusCode()).isEqualTo(401);
        assertThat(stream.body()).contains("not signed in", "POST /api/notifications/session");
        assertThat(post(null, "/api/notifications", "{\"to\":\"alice\",\"message\":\"hi\"}").statusCode()).isEqualTo(401);
        assertThat(post(null, "/api/notifications/n0123456789abcdef0123456789abcdef/read", "").statusCode()).isEqualTo(401);
        assertThat(post("heraldUser=forged.jwt.value", "/api/notifications", "{\"to\":\"alice\",\"message\":\"hi\"}")
                .body()).contains("sign in again");
    }

    @Test
    void aFormSignsInTooAndAPageOfAnotherOriginCannotUseTheSession() {
        HttpResponse<String> form = hub.send(HttpRequest.newBuilder(hub.uri("/api/notifications/session"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=carol")).build());
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(json(form.body()).get("name").asText()).isEqualTo("carol");

        String carol = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> foreign = hub.send(HttpRequest.newBuilder(hub.uri("/api/notifications"))
                .header("Cookie", carol).header("Origin", "http://127.0.0.1:1")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("to=alice&message=forged")).build());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("may not act with the notifications session");
    }

    @Test
    void badNamesAndMessagesAre400() {
        for (String body : new String[] {"{\"name\":\"\"}", "{\"name\":\"a/b\"}", "{\"name\":\"x\\nSet-Cookie: y\"}",
                "{\"name\":\"" + "a".repeat(33) + "\"}", "{}", "{\"name\":42}"}) {
            HttpResponse<String> response = signIn(body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.body()).contains("name must be 1 to 32 letters");
        }
        String alice = session("alice");
        assertThat(post(alice, "/api/notifications", "{\"to\":\"../bob\",\"message\":\"hi\"}").body()).contains("to must be");
        assertThat(post(alice, "/api/notifications", "{\"to\":\"bob\",\"message\":\"  \"}").statusCode()).isEqualTo(400);
        assertThat(post(alice, "/api/notifications", "{\"to\":\"bob\",\"message\":\"" + "x".repeat(501) + "\"}")
                .statusCode()).isEqualTo(400);
        assertThat(post(alice, "/api/notifications", "not json").statusCode()).isEqualTo(400);
        assertThat(post(alice, "/api/notifications/not-an-id/read", "").statusCode()).isEqualTo(400);
    }
}

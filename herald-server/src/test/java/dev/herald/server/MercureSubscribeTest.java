package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.Await;
import dev.herald.testkit.SseRecorder;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MercureSubscribeTest {

    static HeraldFixture hub;

    @BeforeAll
    static void start() {
        hub = HeraldFixture.start();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void streamHeadersKeepProxiesFromBufferingAndAdvertiseTheHeartbeat() {
        try (SseRecorder subscriber = hub.subscribe("/headers")) {
            assertThat(subscriber.status()).isEqualTo(200);
            assertThat(subscriber.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
            assertThat(subscriber.headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(subscriber.headers().firstValue("X-Accel-Buffering")).hasValue("no");
            assertThat(subscriber.headers().firstValue("Herald-Heartbeat-Ms")).hasValue("0");
            assertThat(subscriber.headers().firstValue("Last-Event-ID")).isPresent();
        }
    }

    @Test
    void theStreamOpensAtOnceWithACommentAndRetryBeforeAnyUpdate() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", hub.server.port())) {
            socket.getOutputStream().write(("GET /.well-known/mercure?topic=/quiet HTTP/1.1\r\nHost: x\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(5000);
            String head = readUntil(socket.getInputStream(), "\n\n", 8192);
            assertThat(head).startsWith("HTTP/1.1 200");
            assertThat(head).contains(": herald heartbeat-ms=0\nretry: 3000\n\n");
        }
    }

    @Test
    void missingTopicIs400() {
        HttpResponse<String> response = hub.get("/.well-known/mercure");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("topic");
    }

    @Test
    void malformedSelectorIs400() {
        HttpResponse<String> response = hub.get("/.well-known/mercure?topic=" + "https://x/%7Bid");
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void aFreshSubscriberGetsTheLastIdAsLastEventIdHeader() {
        String id = hub.publish("/before", "old");
        // Publish returns once the update is logged; fan-out (which the header reflects) follows asynchronously.
        Await.until(() -> id.equals(hub.server.hub().lastEventId()), "the update to be dispatched");
        try (SseRecorder subscriber = hub.subscribe("/before")) {
            assertThat(subscriber.headers().firstValue("Last-Event-ID")).hasValue(id);
            hub.publish("/before", "new");
            assertThat(subscriber.next().data()).isEqualTo("new");
        }
    }

    @Test
    void privateUpdatesReachOnlySubscribersAuthorizedForTheirTopic() {
        String alice = HeraldFixture.token(List.of(), List.of("/users/alice/{anything}"));
        String bob = HeraldFixture.token(List.of(), List.of("/users/bob/{anything}"));
        String everyone = HeraldFixture.token(List.of(), List.of("*"));
        try (SseRecorder aliceStream = hub.subscribe(Map.of("Authorization", "Bearer " + alice), "/users/alice/inbox");
             SseRecorder bobStream = hub.subscribe(Map.of("Authorization", "Bearer " + bob), "/users/alice/inbox", "/users/bob/inbox");
             SseRecorder anonymous = hub.subscribe("/users/alice/inbox");
             SseRecorder admin = hub.subscribe(Map.of("Authorization", "Bearer " + everyone), "/users/{user}/inbox")) {
            List.of(aliceStream, bobStream, anonymous, admin).forEach(SseRecorder::status);
            hub.publishForm(HeraldFixture.publisherToken(), "topic", "/users/alice/inbox", "data", "secret", "private", "on");
            hub.publish("/users/alice/inbox", "public");
            assertThat(aliceStream.next(2)).extracting(e -> e.data()).containsExactly("secret", "public");
            assertThat(admin.next(2)).extracting(e -> e.data()).containsExactly("secret", "public");
            assertThat(bobStream.next().data()).isEqualTo("public");
            assertThat(anonymous.next().data()).isEqualTo("public");
            assertThat(bobStream.nothingUnread()).isTrue();
            assertThat(anonymous.nothingUnread()).isTrue();
        }
    }

    @Test
    void anInvalidSubscriberTokenIs401EvenWhenAnonymousIsAllowed() {
        HttpResponse<String> response = hub.send(java.net.http.HttpRequest.newBuilder(hub.uri("/.well-known/mercure?topic=/x"))
                .header("Authorization", "Bearer nope").GET().build());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void theCookieCarriesASubscriberToken() {
        String alice = HeraldFixture.token(List.of(), List.of("/cookie/{x}"));
        try (SseRecorder subscriber = hub.subscribe(Map.of("Cookie", "mercureAuthorization=" + alice), "/cookie/1")) {
            subscriber.status();
            hub.publishForm(HeraldFixture.publisherToken(), "topic", "/cookie/1", "data", "via cookie", "private", "on");
            assertThat(subscriber.next().data()).isEqualTo("via cookie");
        }
    }

    @Test
    void anonymousSubscribersAreRefusedUnlessAllowed() {
        try (HeraldFixture strict = HeraldFixture.start(HeraldFixture.base().withAnonymous(false))) {
            HttpResponse<String> response = strict.get("/.well-known/mercure?topic=/x");
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).contains("--anonymous");
            String token = HeraldFixture.token(List.of(), List.of());
            try (SseRecorder subscriber = strict.subscribe(Map.of("Authorization", "Bearer " + token), "/x")) {
                assertThat(subscriber.status()).isEqualTo(200);
            }
        }
    }

    @Test
    void heartbeatsArriveOnAQuietStream() {
        try (HeraldFixture beating = HeraldFixture.start(HeraldFixture.base().withHeartbeatSeconds(1));
             SseRecorder subscriber = beating.subscribe("/silence")) {
            assertThat(subscriber.headers().firstValue("Herald-Heartbeat-Ms")).hasValue("1000");
            Await.until(() -> subscriber.comments().stream().filter(String::isEmpty).count() >= 2, "two heartbeat comments");
            assertThat(subscriber.received()).isEmpty();
        }
    }

    private static String readUntil(InputStream in, String terminatorAfterHead, int max) throws Exception {
        StringBuilder text = new StringBuilder();
        int headEnd = -1;
        while (text.length() < max) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            text.append((char) b);
            if (headEnd < 0 && text.indexOf("\r\n\r\n") >= 0) {
                headEnd = text.length();
            }
            // Chunked framing interleaves sizes; stop once the first comment block and retry have arrived.
            if (headEnd >= 0 && text.indexOf("retry: ") > headEnd && text.lastIndexOf(terminatorAfterHead) > text.indexOf("retry: ")) {
                break;
            }
        }
        return text.toString().replace("\r\n", "\n").replaceAll("\n[0-9a-f]+\n", "\n");
    }
}

package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.MessageEvent;
import dev.herald.testkit.SseRecorder;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Private per-user streams: one claim template, {@code /users/{sub}/notifications}, for every user's token. */
class PerUserTopicsTest {

    static HeraldFixture hub;

    @BeforeAll
    static void start() {
        hub = HeraldFixture.start();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static Map<String, String> bearer(String subject) {
        return Map.of("Authorization", "Bearer " + TestTokens.token().subject(subject)
                .subscribe("/users/{sub}/notifications").expiresIn(Duration.ofMinutes(5)).hs256(HeraldFixture.KEY));
    }

    private static void notify(String user, String text) {
        HttpResponse<String> response = hub.publishForm(HeraldFixture.publisherToken(),
                "topic", "/users/" + user + "/notifications", "data", text, "private", "on");
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void eachUserReceivesOnlyTheirOwnPrivateNotifications() {
        String alice = "/users/alice/notifications";
        String bob = "/users/bob/notifications";
        try (SseRecorder aliceStream = hub.subscribe(bearer("alice"), alice);
             SseRecorder aliceSecondTab = hub.subscribe(bearer("alice"), "/users/{user}/notifications");
             SseRecorder bobSnooping = hub.subscribe(bearer("bob"), alice, bob);
             SseRecorder carolSnooping = hub.subscribe(bearer("carol"), "/users/{user}/notifications");
             SseRecorder anonymous = hub.subscribe(alice, bob)) {
            List.of(aliceStream, aliceSecondTab, bobSnooping, carolSnooping, anonymous).forEach(SseRecorder::status);
            notify("alice", "for alice");
            notify("bob", "for bob");
            hub.publish(alice, "public marker");
            hub.publish(bob, "public marker");

            assertThat(aliceStream.next(2)).extracting(MessageEvent::data).containsExactly("for alice", "public marker");
            assertThat(aliceSecondTab.next(3)).extracting(MessageEvent::data)
                    .containsExactly("for alice", "public marker", "public marker");
            assertThat(bobSnooping.next(3)).extracting(MessageEvent::data)
                    .containsExactly("for bob", "public marker", "public marker");
            assertThat(carolSnooping.next(2)).extracting(MessageEvent::data).containsExactly("public marker", "public marker");
            assertThat(anonymous.next(2)).extracting(MessageEvent::data).containsExactly("public marker", "public marker");
            for (SseRecorder stream : List.of(aliceStream, aliceSecondTab, bobSnooping, carolSnooping, anonymous)) {
                assertThat(stream.nothingUnread()).isTrue();
            }
        }
    }

    @Test
    void aSubjectIsPercentEncodedSoItCannotWidenTheSelector() {
        // A subject of "*" or one with a slash must not turn the template into a wildcard or another path.
        try (SseRecorder star = hub.subscribe(bearer("*"), "/users/{user}/notifications");
             SseRecorder slashed = hub.subscribe(bearer("alice/notifications"), "/users/{user}/notifications")) {
            star.status();
            slashed.status();
            notify("alice", "only alice's");
            hub.publish("/users/alice/notifications", "public marker");
            assertThat(star.next().data()).isEqualTo("public marker");
            assertThat(slashed.next().data()).isEqualTo("public marker");
        }
    }

    @Test
    void aTokenUsingSubWithoutASubClaimIsRefused() {
        String token = TestTokens.token().subscribe("/users/{sub}/notifications").hs256(HeraldFixture.KEY);
        try (SseRecorder refused = hub.subscribe(Map.of("Authorization", "Bearer " + token), "/users/alice/notifications")) {
            assertThat(refused.status()).isEqualTo(401);
        }
    }
}

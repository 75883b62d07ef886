package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.MessageEvent;
import dev.herald.testkit.Await;
import dev.herald.testkit.SseRecorder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A stream whose token expires gets an auth_required event and ends; others go on. */
class TokenExpiryTest {

    @Test
    void aStreamWhoseTokenExpiresGetsAuthRequiredAndEndsWhileOthersStayOpen() {
        ServerConfig config = HeraldFixture.base().withAuth(HeraldFixture.base().auth().withLeewaySeconds(0));
        String shortLived = TestTokens.token().subscribe("/expiry/{x}").expiresIn(Duration.ofSeconds(2)).hs256(HeraldFixture.KEY);
        String longLived = TestTokens.token().subscribe("/expiry/{x}").expiresIn(Duration.ofHours(1)).hs256(HeraldFixture.KEY);
        try (HeraldFixture hub = HeraldFixture.start(config);
             SseRecorder expiring = hub.subscribe(Map.of("Authorization", "Bearer " + shortLived), "/expiry/1");
             SseRecorder lasting = hub.subscribe(Map.of("Authorization", "Bearer " + longLived), "/expiry/1")) {
            assertThat(expiring.status()).isEqualTo(200);
            assertThat(lasting.status()).isEqualTo(200);
            hub.publishForm(HeraldFixture.publisherToken(), "topic", "/expiry/1", "data", "before", "private", "on", "id", "e1");
            assertThat(expiring.next().data()).isEqualTo("before");

            MessageEvent notice = expiring.next(Duration.ofSeconds(10));
            assertThat(notice.type()).isEqualTo("auth_required");
            assertThat(notice.data()).contains("token_expired");
            expiring.awaitEnd(Await.DEFAULT);
            Await.until(() -> hub.server.hub().subscriberCount() == 1, "the expired subscription to be gone from the hub");

            hub.publishForm(HeraldFixture.publisherToken(), "topic", "/expiry/1", "data", "after", "private", "on");
            assertThat(lasting.next(2)).extracting(MessageEvent::data).containsExactly("before", "after");
        }
    }

    @Test
    void anExpiredTokenCannotOpenAStream() {
        String expired = TestTokens.token().subscribe("*").expiresIn(Duration.ofMinutes(-5)).hs256(HeraldFixture.KEY);
        try (HeraldFixture hub = HeraldFixture.start();
             SseRecorder refused = hub.subscribe(Map.of("Authorization", "Bearer " + expired), "/expiry/2")) {
            assertThat(refused.status()).isEqualTo(401);
        }
    }
}

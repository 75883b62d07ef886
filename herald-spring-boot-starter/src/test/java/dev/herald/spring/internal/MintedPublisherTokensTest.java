package dev.herald.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MintedPublisherTokensTest {

    static final String KEY = "minted-tokens-test-key-of-32-bytes-or-more";

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void aTokenIsSignedWithTheKeyAndCarriesThePublishClaimAndExpiry() throws Exception {
        MovableClock clock = new MovableClock();
        SignedJWT jwt = SignedJWT.parse(new MintedPublisherTokens(KEY, List.of("/orders/{id}"), Duration.ofMinutes(9), clock).get());
        assertThat(jwt.verify(new MACVerifier(KEY.getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(clock.now.plus(Duration.ofMinutes(9)));
        assertThat(jwt.getJWTClaimsSet().getClaim("mercure")).isEqualTo(Map.of("publish", List.of("/orders/{id}")));
    }

    @Test
    void aTokenIsReusedUntilAThirdOfItsLifetimeIsLeftThenRenewed() {
        MovableClock clock = new MovableClock();
        MintedPublisherTokens tokens = new MintedPublisherTokens(KEY, List.of("*"), Duration.ofMinutes(9), clock);
        String first = tokens.get();
        clock.now = clock.now.plus(Duration.ofMinutes(5));
        assertThat(tokens.get()).isEqualTo(first);
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        String renewed = tokens.get();
        assertThat(renewed).isNotEqualTo(first);
        assertThat(tokens.get()).isEqualTo(renewed);
    }
}

package dev.herald.spring.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Short-lived HS256 publisher tokens (Mercure {@code mercure.publish} claim) minted from the hub's key: a
 * token is reused until a third of its lifetime is left, then a new one is minted, so a token in flight
 * never expires on the way even with some clock skew. Thread-safe.
 */
public final class MintedPublisherTokens implements Supplier<String> {

    private final MACSigner signer;
    private final List<String> publishTopics;
    private final Duration ttl;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    /** Tokens signed with {@code key} allowing {@code publishTopics}, each valid for {@code ttl}. */
    public MintedPublisherTokens(String key, List<String> publishTopics, Duration ttl, Clock clock) {
        try {
            this.signer = new MACSigner(key.getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("herald.publisher-key cannot sign HS256 tokens: " + e.getMessage(), e);
        }
        this.publishTopics = List.copyOf(publishTopics);
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public synchronized String get() {
        Instant now = clock.instant();
        if (token == null || !now.isBefore(renewAt)) {
            token = mint(now);
            renewAt = now.plus(ttl.minus(ttl.dividedBy(3)));
        }
        return token;
    }

    private String mint(Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .claim("mercure", Map.of("publish", publishTopics))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a publisher token with herald.publisher-key: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}

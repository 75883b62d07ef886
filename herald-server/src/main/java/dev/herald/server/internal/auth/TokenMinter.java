package dev.herald.server.internal.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** Mints HS256 tokens with Mercure claims, for development mode and tests. */
public final class TokenMinter {

    private TokenMinter() {
    }

    /** A token signed with {@code secret} allowing {@code publish} and {@code subscribe}, valid for {@code ttl} (null: no expiry). */
    public static String mint(String secret, List<String> publish, List<String> subscribe, Duration ttl) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .claim("mercure", Map.of("publish", publish, "subscribe", subscribe));
        if (ttl != null) {
            claims.expirationTime(Date.from(Instant.now().plus(ttl)));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}

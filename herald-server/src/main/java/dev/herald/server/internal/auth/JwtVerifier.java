package dev.herald.server.internal.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.herald.hub.TopicSelector;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Verifies HS256 JWTs and reads their Mercure claims. Only HS256 is accepted, so {@code alg: none} and
 * algorithm-confusion tokens fail; {@code exp} and {@code nbf} are honoured with a small leeway for clock
 * skew. Thread-safe.
 */
public final class JwtVerifier {

    private static final long LEEWAY_SECONDS = 30;

    private final MACVerifier verifier;
    private final Clock clock;

    /** A verifier for tokens signed with {@code secret} (at least 32 bytes). */
    public JwtVerifier(String secret, Clock clock) {
        try {
            this.verifier = new MACVerifier(secret.getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the JWT key is unusable for HS256: " + e.getMessage(), e);
        }
        this.clock = clock;
    }

    /** The Mercure claims of {@code token}, or an {@link InvalidTokenException} saying why it is refused. */
    public MercureClaims verify(String token) {
        SignedJWT jwt = parse(token);
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new InvalidTokenException("JWT algorithm " + jwt.getHeader().getAlgorithm()
                    + " is not accepted; sign with HS256");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new InvalidTokenException("JWT signature does not match the hub's key");
            }
        } catch (JOSEException e) {
            throw new InvalidTokenException("JWT signature could not be checked: " + e.getMessage());
        }
        JWTClaimsSet claims = claimsOf(jwt);
        checkTimes(claims);
        return mercureClaims(claims);
    }

    private static SignedJWT parse(String token) {
        try {
            return SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTokenException("malformed JWT (expected a signed JWS in compact form)");
        }
    }

    private static JWTClaimsSet claimsOf(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidTokenException("JWT claims are not a JSON object");
        }
    }

    private void checkTimes(JWTClaimsSet claims) {
        long now = clock.millis();
        Date exp = claims.getExpirationTime();
        if (exp != null && exp.getTime() + LEEWAY_SECONDS * 1000 < now) {
            throw new InvalidTokenException("JWT expired at " + exp.toInstant());
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.getTime() - LEEWAY_SECONDS * 1000 > now) {
            throw new InvalidTokenException("JWT not valid before " + nbf.toInstant());
        }
    }

    private static MercureClaims mercureClaims(JWTClaimsSet claims) {
        Object mercure = claims.getClaim("mercure");
        if (mercure == null) {
            return MercureClaims.NONE;
        }
        if (!(mercure instanceof Map<?, ?> map)) {
            throw new InvalidTokenException("JWT claim \"mercure\" must be an object");
        }
        return new MercureClaims(selectors(map.get("publish"), "publish"), selectors(map.get("subscribe"), "subscribe"));
    }

    private static List<TopicSelector> selectors(Object value, String name) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidTokenException("JWT claim \"mercure." + name + "\" must be an array of topic selectors");
        }
        List<TopicSelector> selectors = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String text)) {
                throw new InvalidTokenException("JWT claim \"mercure." + name + "\" must contain only strings");
            }
            try {
                selectors.add(TopicSelector.parse(text));
            } catch (IllegalArgumentException e) {
                throw new InvalidTokenException("JWT claim \"mercure." + name + "\": " + e.getMessage());
            }
        }
        return selectors;
    }
}

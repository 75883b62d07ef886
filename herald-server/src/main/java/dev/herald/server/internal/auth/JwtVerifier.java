package dev.herald.server.internal.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.herald.server.JwtKey;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Verifies JWTs with nimbus-jose-jwt and reads their Mercure claims. Only the configured algorithm is
 * accepted for the configured key (plus RS256/ES256 for keys from a JWKS URL), so {@code alg: none} and
 * algorithm confusion (an HS256 token "signed" with an RSA public key's bytes) fail; {@code exp} and
 * {@code nbf} are honoured with a configurable leeway for clock skew. Thread-safe.
 */
public final class JwtVerifier {

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Set<JWSAlgorithm> accepted;
    private final Duration leeway;

    private JwtVerifier(JWSKeySelector<SecurityContext> keys, Set<JWSAlgorithm> accepted, int leewaySeconds, Clock clock) {
        this.accepted = Set.copyOf(accepted);
        this.leeway = Duration.ofSeconds(leewaySeconds);
        DefaultJWTClaimsVerifier<SecurityContext> times = new DefaultJWTClaimsVerifier<>(null, null) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        times.setMaxClockSkew(leewaySeconds);
        processor.setJWSKeySelector(keys);
        processor.setJWTClaimsSetVerifier(times);
    }

    /** A verifier for HS256 tokens signed with {@code secret} (at least 32 bytes), with a 30 s leeway. */
    public JwtVerifier(String secret, Clock clock) {
        this(keySelector(JwtKey.hs256(secret), null), Set.of(JWSAlgorithm.HS256), 30, clock);
    }

    /**
     * A verifier for tokens signed with {@code key} (null: none) or, when {@code jwksUrl} is not null, with a
     * key of that JWKS chosen by the token's {@code kid}.
     */
    public static JwtVerifier of(JwtKey key, String jwksUrl, int leewaySeconds, Clock clock) {
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        if (key != null) {
            algorithms.add(JWSAlgorithm.parse(key.algorithm().name()));
        }
        if (jwksUrl != null) {
            algorithms.add(JWSAlgorithm.RS256);
            algorithms.add(JWSAlgorithm.ES256);
        }
        return new JwtVerifier(keySelector(key, jwksUrl), algorithms, leewaySeconds, clock);
    }

    /** The Mercure claims of {@code token}, or an {@link InvalidTokenException} saying why it is refused. */
    public MercureClaims verify(String token) {
        SignedJWT jwt = signed(parse(token));
        if (!accepted.contains(jwt.getHeader().getAlgorithm())) {
            throw new InvalidTokenException("JWT algorithm " + jwt.getHeader().getAlgorithm()
                    + " is not accepted; this hub verifies " + accepted);
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(jwt, null);
        } catch (BadJWTException e) {
            throw new InvalidTokenException(timeMessage(jwt, e));
        } catch (BadJWSException e) {
            throw new InvalidTokenException("JWT signature does not match the hub's key");
        } catch (BadJOSEException e) {
            throw new InvalidTokenException("JWT refused: " + e.getMessage());
        } catch (JOSEException e) {
            throw new InvalidTokenException("JWT signature could not be checked: " + e.getMessage());
        }
        return ClaimsReader.read(claims, validUntil(claims));
    }

    private Instant validUntil(JWTClaimsSet claims) {
        Date exp = claims.getExpirationTime();
        return exp == null ? null : exp.toInstant().plus(leeway);
    }

    private static JWT parse(String token) {
        try {
            return JWTParser.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTokenException("malformed JWT (expected a signed JWS in compact form)");
        }
    }

    private static SignedJWT signed(JWT jwt) {
        if (jwt instanceof PlainJWT) {
            throw new InvalidTokenException("unsigned JWTs (alg: none) are refused");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new InvalidTokenException("encrypted JWTs are not accepted; send a signed JWS");
        }
        return signed;
    }

    private static String timeMessage(SignedJWT jwt, BadJWTException e) {
        try {
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (e.getMessage().contains("xpired") && claims.getExpirationTime() != null) {
                return "JWT expired at " + claims.getExpirationTime().toInstant() + "; get a fresh token";
            }
            if (e.getMessage().contains("before") && claims.getNotBeforeTime() != null) {
                return "JWT not valid before " + claims.getNotBeforeTime().toInstant();
            }
        } catch (ParseException ignored) {
            // Fall through to the library's own reason.
        }
        return "JWT refused: " + e.getMessage();
    }

    private static JWSKeySelector<SecurityContext> keySelector(JwtKey key, String jwksUrl) {
        JWKSource<SecurityContext> fixed = key == null ? null : fixedSource(key);
        JWKSource<SecurityContext> remote = jwksUrl == null ? null : remoteSource(jwksUrl);
        Set<JWSAlgorithm> all = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.RS256, JWSAlgorithm.ES256);
        // A JWK matcher built from the token's header only matches keys of that algorithm's type (an HS256
        // header never selects an RSA key), which is what defeats algorithm confusion here.
        return new JWSVerificationKeySelector<>(all, (selector, context) -> {
            var keys = new java.util.ArrayList<com.nimbusds.jose.jwk.JWK>();
            if (fixed != null) {
                keys.addAll(fixed.get(selector, context));
            }
            if (remote != null) {
                keys.addAll(remote.get(selector, context));
            }
            return keys;
        });
    }

    private static JWKSource<SecurityContext> fixedSource(JwtKey key) {
        if (key.algorithm() == JwtKey.Algorithm.HS256) {
            return new ImmutableSecret<>(key.key().getBytes(StandardCharsets.UTF_8));
        }
        return new ImmutableJWKSet<>(new JWKSet(PemPublicKeys.parse(key.key(), key.algorithm())));
    }

    /**
     * The identity provider's keys, cached. Tokens are verified on event loops, so the set is fetched ahead:
     * once in the background at startup, then refreshed on a timer before the cache expires. Only a token with
     * a {@code kid} the cache does not know makes a verification wait for a fetch (at most one per 30 s).
     */
    private static JWKSource<SecurityContext> remoteSource(String jwksUrl) {
        JWKSource<SecurityContext> source;
        try {
            source = JWKSourceBuilder.create(URI.create(jwksUrl).toURL())
                    .retrying(true)
                    .refreshAheadCache(JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME, true)
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--jwks-url is not a valid URL: " + jwksUrl, e);
        }
        Thread warmUp = new Thread(() -> {
            try {
                source.get(new com.nimbusds.jose.jwk.JWKSelector(new com.nimbusds.jose.jwk.JWKMatcher.Builder().build()), null);
            } catch (Exception e) {
                System.getLogger(JwtVerifier.class.getName()).log(System.Logger.Level.WARNING,
                        "cannot fetch the JWKS at " + jwksUrl + " yet (" + e.getMessage() + "); tokens signed with its keys"
                                + " are refused until it answers");
            }
        }, "herald-jwks-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        return source;
    }
}

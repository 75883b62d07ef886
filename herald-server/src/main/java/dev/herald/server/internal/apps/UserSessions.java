package dev.herald.server.internal.apps;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.herald.server.internal.auth.InvalidTokenException;
import dev.herald.server.internal.auth.JwtVerifier;
import dev.herald.server.internal.auth.MercureClaims;
import dev.herald.server.internal.http.HttpError;
import dev.herald.server.internal.http.Origins;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The notifications application's sign-in: a name becomes a signed, {@code HttpOnly} cookie holding a
 * subscriber JWT whose {@code sub} is the name and whose {@code mercure.subscribe} is that user's own topic,
 * so the hub's ordinary private-update rule is what keeps one user's notifications from every other user.
 * The key is generated per process: sessions end with the process (a cluster would need a shared key).
 */
final class UserSessions {

    /** The cookie carrying the session. */
    static final String COOKIE = "heraldUser";
    /** How long a sign-in lasts. */
    static final Duration LIFETIME = Duration.ofHours(12);

    private static final String NAME_PATTERN = "[A-Za-z0-9_.-]{1,32}";

    private final String secret;
    private final JwtVerifier verifier;
    private final Clock clock;

    UserSessions(Clock clock) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.secret = Base64.getEncoder().encodeToString(key);
        this.verifier = new JwtVerifier(secret, clock);
        this.clock = clock;
    }

    /** The private topic of {@code name}'s notifications. */
    static String topic(String name) {
        return "/users/" + name + "/notifications";
    }

    /** {@code name} if it is a valid user name, else a 400 saying what a name may be. */
    static String validName(String field, String name) {
        if (name == null || !name.matches(NAME_PATTERN)) {
            throw HttpError.badRequest(field + " must be 1 to 32 letters, digits, '_', '.' or '-', got "
                    + (name == null ? "nothing" : "'" + name.replaceAll("[\\r\\n]", " ") + "'"));
        }
        return name;
    }

    /** The session cookie signing {@code name} in. */
    Cookie signIn(String name, boolean secure) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(name)
                .expirationTime(Date.from(clock.instant().plus(LIFETIME)))
                .claim("mercure", Map.of("subscribe", List.of(topic(name))))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("a 32-byte key always signs HS256", e);
        }
        return cookie(jwt.serialize(), secure).setMaxAge(LIFETIME.toSeconds());
    }

    /** A cookie that signs the browser out. */
    Cookie signOut(boolean secure) {
        return cookie("", secure).setMaxAge(0);
    }

    /** The signed-in user's claims ({@code subject} is the name), or a 401 saying how to sign in. */
    MercureClaims user(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        if (origin != null && !Origins.isSameOrigin(request, origin)) {
            // SameSite=Strict does not stop another port of the same host, which is the same site: refuse it here.
            throw HttpError.forbidden("origin " + origin + " may not act with the notifications session; use the hub's own page");
        }
        Cookie cookie = request.getCookie(COOKIE);
        if (cookie == null || cookie.getValue().isEmpty()) {
            throw HttpError.unauthorized("not signed in: sign in with a name first (POST /api/notifications/session"
                    + " with {\"name\": \"alice\"}), then send the cookie it sets");
        }
        try {
            MercureClaims claims = verifier.verify(cookie.getValue());
            if (claims.subject() == null || !claims.subject().matches(NAME_PATTERN)) {
                throw new InvalidTokenException("the session names no valid user");
            }
            return claims;
        } catch (InvalidTokenException e) {
            throw HttpError.unauthorized("the session cookie is not valid (" + e.getMessage() + "); sign in again");
        }
    }

    private static Cookie cookie(String value, boolean secure) {
        // Strict: a foreign page can neither send notifications as this user nor read the stream.
        return Cookie.cookie(COOKIE, value).setPath("/api/notifications").setHttpOnly(true).setSecure(secure)
                .setSameSite(CookieSameSite.STRICT);
    }
}

package dev.herald.server;

import dev.herald.server.internal.auth.PemPublicKeys;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Who may publish and subscribe, and where tokens are taken from.
 *
 * @param publisher the key verifying publishers' JWTs, or null for development mode (a key is generated and
 *     token-less publishing is allowed from loopback only)
 * @param subscriber the key verifying subscribers' JWTs, or null to use the publisher key
 * @param jwksUrl a JWKS URL whose keys (RS256/ES256, chosen by {@code kid}) verify both roles' tokens in
 *     addition to the static keys, or null
 * @param anonymous whether subscribers without a token are accepted (always true in development mode)
 * @param leewaySeconds clock skew tolerated on {@code exp} and {@code nbf}
 * @param cookieName the cookie carrying a token ({@code mercureAuthorization} in the Mercure protocol)
 * @param cookieSameSite the {@code SameSite} attribute of the cookie the hub sets: Strict, Lax or None
 * @param allowQueryToken whether the {@code authorization} query parameter may carry a token (it leaks into
 *     logs and browser history, so it is off unless asked for; Herald redacts it from its own logs)
 */
public record AuthConfig(
        JwtKey publisher,
        JwtKey subscriber,
        String jwksUrl,
        boolean anonymous,
        int leewaySeconds,
        String cookieName,
        String cookieSameSite,
        boolean allowQueryToken) {

    /** HS256 needs a key of at least 256 bits. */
    public static final int MIN_KEY_BYTES = 32;
    /** The Mercure protocol's cookie name. */
    public static final String DEFAULT_COOKIE = "mercureAuthorization";

    private static final Set<String> SAME_SITE = Set.of("Strict", "Lax", "None");

    public AuthConfig {
        requireUsable("--publisher-jwt-key", publisher);
        requireUsable("--subscriber-jwt-key", subscriber);
        if (jwksUrl != null && !(jwksUrl.startsWith("https://") || jwksUrl.startsWith("http://"))) {
            throw new IllegalArgumentException("--jwks-url must be an http(s) URL, got " + jwksUrl);
        }
        Checks.require(leewaySeconds >= 0 && leewaySeconds <= 600,
                "--jwt-leeway must be between 0 and 600 seconds, got " + leewaySeconds);
        Checks.require(cookieName != null && cookieName.matches("[A-Za-z0-9_.-]{1,64}"),
                "--cookie-name must be 1-64 letters, digits, '_', '.' or '-', got " + cookieName);
        cookieSameSite = cookieSameSite == null ? null
                : cookieSameSite.substring(0, 1).toUpperCase(Locale.ROOT) + cookieSameSite.substring(1).toLowerCase(Locale.ROOT);
        Checks.require(cookieSameSite != null && SAME_SITE.contains(cookieSameSite),
                "--cookie-samesite must be Strict, Lax or None, got " + cookieSameSite);
    }

    /** The defaults: development mode, 30 s leeway, the Mercure cookie with SameSite=Strict, no query tokens. */
    public static AuthConfig defaults() {
        return new AuthConfig(null, null, null, false, 30, DEFAULT_COOKIE, "Strict", false);
    }

    /** True when no publisher key was configured. */
    public boolean developmentMode() {
        return publisher == null && jwksUrl == null;
    }

    /** This configuration with another publisher key. */
    public AuthConfig withPublisher(JwtKey key) {
        return new AuthConfig(key, subscriber, jwksUrl, anonymous, leewaySeconds, cookieName, cookieSameSite, allowQueryToken);
    }

    /** This configuration with another subscriber key. */
    public AuthConfig withSubscriber(JwtKey key) {
        return new AuthConfig(publisher, key, jwksUrl, anonymous, leewaySeconds, cookieName, cookieSameSite, allowQueryToken);
    }

    /** This configuration with a JWKS URL. */
    public AuthConfig withJwksUrl(String url) {
        return new AuthConfig(publisher, subscriber, url, anonymous, leewaySeconds, cookieName, cookieSameSite, allowQueryToken);
    }

    /** This configuration with anonymous subscribers allowed or not. */
    public AuthConfig withAnonymous(boolean allowed) {
        return new AuthConfig(publisher, subscriber, jwksUrl, allowed, leewaySeconds, cookieName, cookieSameSite, allowQueryToken);
    }

    /** This configuration with another clock-skew leeway. */
    public AuthConfig withLeewaySeconds(int seconds) {
        return new AuthConfig(publisher, subscriber, jwksUrl, anonymous, seconds, cookieName, cookieSameSite, allowQueryToken);
    }

    /** This configuration with another cookie name and SameSite attribute. */
    public AuthConfig withCookie(String name, String sameSite) {
        return new AuthConfig(publisher, subscriber, jwksUrl, anonymous, leewaySeconds, name, sameSite, allowQueryToken);
    }

    /** This configuration with query-parameter tokens allowed or not. */
    public AuthConfig withQueryToken(boolean allowed) {
        return new AuthConfig(publisher, subscriber, jwksUrl, anonymous, leewaySeconds, cookieName, cookieSameSite, allowed);
    }

    private static void requireUsable(String flag, JwtKey key) {
        if (key == null) {
            return;
        }
        if (key.algorithm() == JwtKey.Algorithm.HS256) {
            int length = key.key().getBytes(StandardCharsets.UTF_8).length;
            Checks.require(length >= MIN_KEY_BYTES, flag + " must be at least " + MIN_KEY_BYTES
                    + " bytes for HS256, got " + length + "; generate one with: openssl rand -base64 32");
        } else {
            try {
                PemPublicKeys.parse(key.key(), key.algorithm());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(flag + " is not a usable " + key.algorithm() + " public key: "
                        + e.getMessage(), e);
            }
        }
    }
}

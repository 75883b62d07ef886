package dev.herald.server.cli;

import dev.herald.server.AuthConfig;
import dev.herald.server.JwtKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** The {@code herald} options about tokens, keys, the cookie and CORS. */
final class AuthOptions {

    @Option(names = "--publisher-jwt-key", defaultValue = "${env:HERALD_PUBLISHER_JWT_KEY}", showDefaultValue = Visibility.NEVER,
            description = "Key verifying publishers' JWTs: an HS256 secret (32+ bytes) or a PEM public key; @FILE reads it"
                    + " from a file. Without it Herald runs in development mode (env HERALD_PUBLISHER_JWT_KEY).")
    String publisherJwtKey;

    @Option(names = "--publisher-jwt-alg", defaultValue = "${env:HERALD_PUBLISHER_JWT_ALG:-HS256}",
            description = "Algorithm of the publisher key: HS256, RS256 or ES256 (env HERALD_PUBLISHER_JWT_ALG).")
    String publisherJwtAlg;

    @Option(names = "--subscriber-jwt-key", defaultValue = "${env:HERALD_SUBSCRIBER_JWT_KEY}", showDefaultValue = Visibility.NEVER,
            description = "Key verifying subscribers' JWTs (as --publisher-jwt-key); defaults to the publisher key"
                    + " (env HERALD_SUBSCRIBER_JWT_KEY).")
    String subscriberJwtKey;

    @Option(names = "--subscriber-jwt-alg", defaultValue = "${env:HERALD_SUBSCRIBER_JWT_ALG:-HS256}",
            description = "Algorithm of the subscriber key: HS256, RS256 or ES256 (env HERALD_SUBSCRIBER_JWT_ALG).")
    String subscriberJwtAlg;

    @Option(names = "--jwks-url", defaultValue = "${env:HERALD_JWKS_URL}",
            description = "JWKS URL whose RS256/ES256 keys (by kid) also verify tokens of both roles (env HERALD_JWKS_URL).")
    String jwksUrl;

    @Option(names = "--anonymous", defaultValue = "${env:HERALD_ANONYMOUS:-false}", fallbackValue = "true", arity = "0..1",
            description = "Accept subscribers without a JWT (always on in development mode) (env HERALD_ANONYMOUS).")
    boolean anonymous;

    @Option(names = "--jwt-leeway", defaultValue = "${env:HERALD_JWT_LEEWAY:-30}",
            description = "Seconds of clock skew tolerated on exp and nbf (env HERALD_JWT_LEEWAY).")
    int leewaySeconds;

    @Option(names = "--cookie-name", defaultValue = "${env:HERALD_COOKIE_NAME:-mercureAuthorization}",
            description = "Cookie carrying a subscriber's JWT (env HERALD_COOKIE_NAME).")
    String cookieName;

    @Option(names = "--cookie-samesite", defaultValue = "${env:HERALD_COOKIE_SAMESITE:-Strict}",
            description = "SameSite of the cookie set by POST /.well-known/mercure/auth: Strict, Lax or None (env HERALD_COOKIE_SAMESITE).")
    String cookieSameSite;

    @Option(names = "--allow-query-token", defaultValue = "${env:HERALD_ALLOW_QUERY_TOKEN:-false}", fallbackValue = "true",
            arity = "0..1", description = "Accept a JWT in the 'authorization' query parameter (redacted from logs) (env HERALD_ALLOW_QUERY_TOKEN).")
    boolean allowQueryToken;

    @Option(names = "--cors-origin", split = ",", defaultValue = "${env:HERALD_CORS_ORIGINS}",
            description = "Origin allowed to call the hub with credentials, e.g. https://app.example.com; repeatable;"
                    + " '*' allows any origin without credentials (env HERALD_CORS_ORIGINS, comma-separated).")
    List<String> corsOrigins;

    AuthConfig config() {
        JwtKey publisher = key(publisherJwtKey, "--publisher-jwt-alg", publisherJwtAlg);
        JwtKey subscriber = key(subscriberJwtKey, "--subscriber-jwt-alg", subscriberJwtAlg);
        return new AuthConfig(publisher, subscriber, blankToNull(jwksUrl), anonymous, leewaySeconds, cookieName,
                cookieSameSite, allowQueryToken);
    }

    List<String> origins() {
        return corsOrigins == null ? List.of() : corsOrigins.stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
    }

    private static JwtKey key(String value, String algFlag, String alg) {
        String key = blankToNull(value);
        if (key == null) {
            return null;
        }
        if (key.startsWith("@")) {
            try {
                key = Files.readString(Path.of(key.substring(1)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the JWT key file " + key.substring(1) + ": " + e.getMessage(), e);
            }
        }
        return new JwtKey(key, JwtKey.Algorithm.parse(algFlag, alg));
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

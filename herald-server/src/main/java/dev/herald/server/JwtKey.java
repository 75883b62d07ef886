package dev.herald.server;

import java.util.Locale;

/**
 * A key that verifies JWTs, with the one algorithm it accepts: an HS256 shared secret, or an RS256/ES256
 * public key in PEM ({@code -----BEGIN PUBLIC KEY-----} or a {@code -----BEGIN CERTIFICATE-----}). Tokens
 * signed with any other algorithm, {@code alg: none} included, are refused.
 *
 * @param key the secret (HS256) or the PEM text (RS256, ES256)
 * @param algorithm the only algorithm accepted with this key
 */
public record JwtKey(String key, Algorithm algorithm) {

    /** The signature algorithms Herald verifies. */
    public enum Algorithm {
        /** HMAC with SHA-256 and a shared secret of 32+ bytes. */
        HS256,
        /** RSASSA-PKCS1-v1_5 with SHA-256 and an RSA public key. */
        RS256,
        /** ECDSA on P-256 with SHA-256 and an EC public key. */
        ES256;

        /** The algorithm named {@code name} (case-insensitive), or an exception naming {@code flag}. */
        public static Algorithm parse(String flag, String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException(flag + " must be one of HS256, RS256, ES256, got " + name, e);
            }
        }

        /** True for the algorithms verified with a public key. */
        public boolean asymmetric() {
            return this != HS256;
        }
    }

    public JwtKey {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a JWT key must not be empty");
        }
        if (algorithm == null) {
            throw new IllegalArgumentException("a JWT key needs an algorithm");
        }
    }

    /** An HS256 secret. */
    public static JwtKey hs256(String secret) {
        return new JwtKey(secret, Algorithm.HS256);
    }

    /** Never prints the key: configurations get logged. */
    @Override
    public String toString() {
        return "JwtKey[" + algorithm + ", " + key.length() + " chars]";
    }
}

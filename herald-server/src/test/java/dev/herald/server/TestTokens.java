package dev.herald.server;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds JWTs for tests: any algorithm, any times, any Mercure claims, and the hostile shapes. */
final class TestTokens {

    private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
    private final Map<String, Object> mercure = new LinkedHashMap<>();

    static TestTokens token() {
        return new TestTokens();
    }

    TestTokens publish(String... selectors) {
        mercure.put("publish", List.of(selectors));
        return this;
    }

    TestTokens subscribe(String... selectors) {
        mercure.put("subscribe", List.of(selectors));
        return this;
    }

    TestTokens payload(Object payload) {
        mercure.put("payload", payload);
        return this;
    }

    TestTokens subject(String sub) {
        claims.subject(sub);
        return this;
    }

    TestTokens expiresIn(Duration ttl) {
        claims.expirationTime(Date.from(Instant.now().plus(ttl)));
        return this;
    }

    TestTokens notBefore(Instant instant) {
        claims.notBeforeTime(Date.from(instant));
        return this;
    }

    JWTClaimsSet claims() {
        return claims.claim("mercure", mercure).build();
    }

    String hs256(String secret) {
        return hs256(secret.getBytes(StandardCharsets.UTF_8));
    }

    String hs256(byte[] secret) {
        try {
            return sign(JWSAlgorithm.HS256, new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String rs256(KeyPair keys) {
        return sign(JWSAlgorithm.RS256, new RSASSASigner(keys.getPrivate()));
    }

    /** An RS256 token whose header names the key id {@code kid}, as JWKS-based issuers sign. */
    String rs256(KeyPair keys, String kid) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims());
        try {
            jwt.sign(new RSASSASigner(keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    String es256(KeyPair keys) {
        try {
            return sign(JWSAlgorithm.ES256, new ECDSASigner((ECPrivateKey) keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token ({@code alg: none}), as an attacker would send it. */
    String unsigned() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims().toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private String sign(JWSAlgorithm algorithm, JWSSigner signer) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    static KeyPair rsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(KeyPair keys) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}

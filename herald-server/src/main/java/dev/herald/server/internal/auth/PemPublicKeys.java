package dev.herald.server.internal.auth;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.X509CertUtils;
import dev.herald.server.JwtKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Reads the PEM public key (SubjectPublicKeyInfo) or certificate that verifies RS256/ES256 tokens, with the
 * JDK's own decoders; the key type must fit the algorithm, so an RSA key can never verify an ES256 token.
 */
public final class PemPublicKeys {

    private static final String KEY_HEADER = "-----BEGIN PUBLIC KEY-----";
    private static final String CERT_HEADER = "-----BEGIN CERTIFICATE-----";

    private PemPublicKeys() {
    }

    /** The JWK for {@code pem}, or an IllegalArgumentException saying what is wrong with it. */
    public static JWK parse(String pem, JwtKey.Algorithm algorithm) {
        PublicKey key = publicKey(pem, algorithm);
        if (algorithm == JwtKey.Algorithm.RS256) {
            if (!(key instanceof RSAPublicKey rsa)) {
                throw new IllegalArgumentException("RS256 needs an RSA public key, got " + key.getAlgorithm());
            }
            if (rsa.getModulus().bitLength() < 2048) {
                throw new IllegalArgumentException("RSA keys must have at least 2048 bits, got " + rsa.getModulus().bitLength());
            }
            return new RSAKey.Builder(rsa).build();
        }
        if (!(key instanceof ECPublicKey ec)) {
            throw new IllegalArgumentException("ES256 needs an EC public key on P-256, got " + key.getAlgorithm());
        }
        if (!Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
            throw new IllegalArgumentException("ES256 needs a key on curve P-256");
        }
        return new ECKey.Builder(Curve.P_256, ec).build();
    }

    private static PublicKey publicKey(String pem, JwtKey.Algorithm algorithm) {
        String text = pem.trim();
        if (text.startsWith(CERT_HEADER)) {
            X509Certificate certificate = X509CertUtils.parse(text);
            if (certificate == null) {
                throw new IllegalArgumentException("the PEM certificate cannot be parsed");
            }
            return certificate.getPublicKey();
        }
        if (!text.startsWith(KEY_HEADER)) {
            throw new IllegalArgumentException("expected PEM text starting with " + KEY_HEADER + " or " + CERT_HEADER);
        }
        int end = text.indexOf("-----END", KEY_HEADER.length());
        if (end < 0) {
            throw new IllegalArgumentException("the PEM public key has no -----END line");
        }
        String body = text.substring(KEY_HEADER.length(), end).replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(body);
            String family = algorithm == JwtKey.Algorithm.RS256 ? "RSA" : "EC";
            return KeyFactory.getInstance(family).generatePublic(new X509EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the PEM public key cannot be decoded for " + algorithm, e);
        }
    }
}

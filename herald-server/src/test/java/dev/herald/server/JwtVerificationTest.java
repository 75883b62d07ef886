package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Publishing over HTTP with tokens of every algorithm, time and forgery the issue names. */
class JwtVerificationTest {

    static final KeyPair RSA = TestTokens.rsaKeys();
    static final KeyPair EC = TestTokens.ecKeys();
    static HeraldFixture hs256;
    static HeraldFixture rs256;
    static HeraldFixture es256;

    @BeforeAll
    static void start() {
        hs256 = HeraldFixture.start(HeraldFixture.base());
        rs256 = HeraldFixture.start(HeraldFixture.base().withAuth(HeraldFixture.base().auth()
                .withPublisher(new JwtKey(TestTokens.pem(RSA), JwtKey.Algorithm.RS256))));
        es256 = HeraldFixture.start(HeraldFixture.base().withAuth(HeraldFixture.base().auth()
                .withPublisher(new JwtKey(TestTokens.pem(EC), JwtKey.Algorithm.ES256))));
    }

    @AfterAll
    static void stop() {
        hs256.close();
        rs256.close();
        es256.close();
    }

    private static HttpResponse<String> publish(HeraldFixture hub, String token) {
        return hub.publishForm(token, "topic", "/jwt", "data", "x");
    }

    @Test
    void aValidHs256TokenPublishes() {
        assertThat(publish(hs256, TestTokens.token().publish("*").expiresIn(Duration.ofMinutes(5)).hs256(HeraldFixture.KEY))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void anExpiredTokenIsRefusedWithAReasonSayingSo() {
        HttpResponse<String> response = publish(hs256,
                TestTokens.token().publish("*").expiresIn(Duration.ofMinutes(-5)).hs256(HeraldFixture.KEY));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("JWT expired at");
    }

    @Test
    void aTokenExpiredWithinTheLeewayIsStillAccepted() {
        assertThat(publish(hs256, TestTokens.token().publish("*").expiresIn(Duration.ofSeconds(-10)).hs256(HeraldFixture.KEY))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void withNoLeewayARecentlyExpiredTokenIsRefused() {
        try (HeraldFixture strict = HeraldFixture.start(HeraldFixture.base()
                .withAuth(HeraldFixture.base().auth().withLeewaySeconds(0)))) {
            assertThat(publish(strict, TestTokens.token().publish("*").expiresIn(Duration.ofSeconds(-10))
                    .hs256(HeraldFixture.KEY)).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void aNotYetValidTokenIsRefused() {
        HttpResponse<String> response = publish(hs256, TestTokens.token().publish("*")
                .notBefore(Instant.now().plus(Duration.ofMinutes(5))).hs256(HeraldFixture.KEY));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("not valid before");
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        HttpResponse<String> response = publish(hs256,
                TestTokens.token().publish("*").hs256("another-key-that-is-also-32-bytes-long!!"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("signature does not match");
    }

    @Test
    void anUnsignedAlgNoneTokenIsRefused() {
        HttpResponse<String> response = publish(hs256, TestTokens.token().publish("*").unsigned());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("alg: none");
    }

    @Test
    void rs256AndEs256TokensVerifyWithPemPublicKeys() {
        assertThat(publish(rs256, TestTokens.token().publish("*").rs256(RSA)).statusCode()).isEqualTo(200);
        assertThat(publish(es256, TestTokens.token().publish("*").es256(EC)).statusCode()).isEqualTo(200);
    }

    @Test
    void anHs256TokenSignedWithTheRsaPublicKeyTextIsRefused() {
        // The classic algorithm confusion: the attacker knows the public key and uses it as an HMAC secret.
        byte[] publicKeyText = TestTokens.pem(RSA).getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> response = publish(rs256, TestTokens.token().publish("*").hs256(publicKeyText));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("algorithm HS256 is not accepted");
        byte[] publicKeyBytes = RSA.getPublic().getEncoded();
        assertThat(publish(rs256, TestTokens.token().publish("*").hs256(publicKeyBytes)).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenOfAnotherAsymmetricAlgorithmOrKeyIsRefused() {
        assertThat(publish(rs256, TestTokens.token().publish("*").es256(EC)).statusCode()).isEqualTo(401);
        assertThat(publish(rs256, TestTokens.token().publish("*").rs256(TestTokens.rsaKeys())).statusCode()).isEqualTo(401);
        assertThat(publish(es256, TestTokens.token().publish("*").es256(TestTokens.ecKeys())).statusCode()).isEqualTo(401);
    }

    @Test
    void aMalformedTokenIsRefusedWithoutEchoingIt() {
        HttpResponse<String> response = publish(hs256, "not.a-jwt.<script>");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("<script>");
    }
}

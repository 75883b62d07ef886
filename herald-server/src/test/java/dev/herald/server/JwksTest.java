package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.concurrent.atomic.AtomicInteger;
import dev.herald.testkit.Await;
import org.junit.jupiter.api.Test;

/** Keys published as a JWKS (an identity provider's) verify tokens by their kid. */
class JwksTest {

    @Test
    void aTokenSignedByAKeyOfTheJwksIsAcceptedAndOneWithAnUnknownKidIsNot() throws Exception {
        KeyPair issuer = TestTokens.rsaKeys();
        byte[] jwks = new JWKSet(new RSAKey.Builder((RSAPublicKey) issuer.getPublic()).keyID("k1").build())
                .toString().getBytes(StandardCharsets.UTF_8);
        HttpServer provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger fetches = new AtomicInteger();
        provider.createContext("/jwks.json", exchange -> {
            fetches.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        provider.start();
        String url = "http://127.0.0.1:" + provider.getAddress().getPort() + "/jwks.json";
        ServerConfig config = HeraldFixture.base().withAuth(HeraldFixture.base().auth().withPublisher(null).withJwksUrl(url));
        try (HeraldFixture hub = HeraldFixture.start(config)) {
            // Tokens are verified on event loops: the keys must be fetched before the first token needs them.
            Await.until(() -> fetches.get() >= 1, "the hub to fetch the JWKS at startup, before any token arrives");
            assertThat(hub.publishForm(TestTokens.token().publish("*").rs256(issuer, "k1"), "topic", "/j", "data", "x")
                    .statusCode()).isEqualTo(200);
            assertThat(hub.publishForm(TestTokens.token().publish("*").rs256(TestTokens.rsaKeys(), "k2"), "topic", "/j", "data", "x")
                    .statusCode()).isEqualTo(401);
            assertThat(hub.publishForm(TestTokens.token().publish("*").hs256(HeraldFixture.KEY), "topic", "/j", "data", "x")
                    .statusCode()).as("no HS256 secret is configured").isEqualTo(401);
        } finally {
            provider.stop(0);
        }
    }
}

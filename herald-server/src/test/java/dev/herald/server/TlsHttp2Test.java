package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.MessageEvent;
import dev.herald.testkit.SseRecorder;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/** TLS from PEM files or a self-signed certificate, HTTP/2 by ALPN with many streams on one connection, h2c. */
class TlsHttp2Test {

    @Test
    void manyEventStreamsShareOneHttp2ConnectionAndAllReceive() throws Exception {
        SelfSignedCertificate pem = SelfSignedCertificate.create("localhost");
        try (HeraldFixture hub = HeraldFixture.start(HeraldFixture.base()
                .withTls(TlsConfig.pem(pem.certificatePath(), pem.privateKeyPath())))) {
            HttpClient h2 = client(HttpClient.Version.HTTP_2, trusting(certificateAt(pem.certificatePath())));
            List<SseRecorder> streams = new ArrayList<>();
            // The first stream establishes the connection; the JDK client then multiplexes the rest over it.
            streams.add(SseRecorder.open(h2, https(hub, HeraldFixture.mercureQuery("/h2")), Map.of()));
            streams.get(0).status();
            for (int i = 1; i < 20; i++) {
                streams.add(SseRecorder.open(h2, https(hub, HeraldFixture.mercureQuery("/h2")), Map.of()));
            }
            for (SseRecorder stream : streams) {
                assertThat(stream.status()).isEqualTo(200);
                assertThat(stream.response().version()).isEqualTo(HttpClient.Version.HTTP_2);
            }
            assertThat(hub.server.openConnections()).as("all 20 streams multiplexed on one TCP connection").isEqualTo(1);
            hub.server.hub().publish(dev.herald.hub.Update.of("/h2", "over h2"));
            for (SseRecorder stream : streams) {
                assertThat(stream.next().data()).isEqualTo("over h2");
                stream.close();
            }
        } finally {
            pem.delete();
        }
    }

    @Test
    void anHttp2ConnectionCarryingAStreamOutlivesTheRequestTimeoutWhileAnIdleOneIsClosed() throws Exception {
        ServerConfig config = HeraldFixture.base().withTls(TlsConfig.selfSignedCertificate())
                .withLimits(HeraldFixture.base().limits().withRequestTimeoutSeconds(1));
        try (HeraldFixture hub = HeraldFixture.start(config)) {
            SSLContext trust = trusting(presentedCertificate(hub.server.port()));
            HttpClient streaming = client(HttpClient.Version.HTTP_2, trust);
            HttpClient idle = client(HttpClient.Version.HTTP_2, trust);
            try (SseRecorder stream = SseRecorder.open(streaming, https(hub, HeraldFixture.mercureQuery("/kept")), Map.of())) {
                assertThat(stream.response().version()).isEqualTo(HttpClient.Version.HTTP_2);
                assertThat(send(idle, https(hub, "/healthz")).statusCode()).isEqualTo(200);
                // The idle connection (and the one the certificate was fetched on) are closed by the sweep...
                dev.herald.testkit.Await.until(() -> hub.server.openConnections() == 1,
                        "idle connections to be closed, open: " + hub.server.openConnections());
                assertThat(hub.server.limitCounts()).containsKey("--request-timeout");
                // ...while the one carrying an event stream is exempt.
                hub.server.hub().publish(dev.herald.hub.Update.of("/kept", "still here"));
                assertThat(stream.next().data()).isEqualTo("still here");
            }
        }
    }

    @Test
    void aSelfSignedHubServesHttp2AndStillHttp11() throws Exception {
        try (HeraldFixture hub = HeraldFixture.start(HeraldFixture.base().withTls(TlsConfig.selfSignedCertificate()))) {
            X509Certificate presented = presentedCertificate(hub.server.port());
            SSLContext trust = trusting(presented);
            HttpClient h2 = client(HttpClient.Version.HTTP_2, trust);
            HttpClient h1 = client(HttpClient.Version.HTTP_1_1, trust);
            try (SseRecorder viaH2 = SseRecorder.open(h2, https(hub, HeraldFixture.mercureQuery("/tls")), Map.of());
                 SseRecorder viaH1 = SseRecorder.open(h1, https(hub, HeraldFixture.mercureQuery("/tls")), Map.of())) {
                assertThat(viaH2.response().version()).isEqualTo(HttpClient.Version.HTTP_2);
                assertThat(viaH1.response().version()).isEqualTo(HttpClient.Version.HTTP_1_1);
                HttpResponse<String> published = h2.send(HttpRequest.newBuilder(https(hub, "/.well-known/mercure"))
                        .header("Authorization", "Bearer " + HeraldFixture.publisherToken())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("topic=/tls&data=secure")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(published.statusCode()).isEqualTo(200);
                assertThat(List.of(viaH2.next(), viaH1.next())).extracting(MessageEvent::data).containsOnly("secure");
                PrometheusText metrics = PrometheusText.parse(hub.server.scrapeMetrics());
                assertThat(metrics.value("herald_subscriptions_open{transport=\"HTTP/2\"}")).isEqualTo(1);
                assertThat(metrics.value("herald_subscriptions_open{transport=\"HTTP/1.1\"}")).isEqualTo(1);
            }
        }
    }

    @Test
    void theCookieEndpointMarksTheCookieSecureOnTls() throws Exception {
        try (HeraldFixture hub = HeraldFixture.start(HeraldFixture.base().withTls(TlsConfig.selfSignedCertificate()))) {
            HttpClient client = client(HttpClient.Version.HTTP_2, trusting(presentedCertificate(hub.server.port())));
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(https(hub, "/.well-known/mercure/auth"))
                    .header("Authorization", "Bearer " + TestTokens.token().subscribe("*").hs256(HeraldFixture.KEY))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(response.headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure");
        }
    }

    @Test
    void h2cIsServedOnPlainTcpOnlyWhenEnabled() {
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(5)).build();
        try (HeraldFixture h2c = HeraldFixture.start(HeraldFixture.base().withTls(TlsConfig.none().withH2c(true)));
             HeraldFixture plain = HeraldFixture.start(HeraldFixture.base())) {
            HttpResponse<String> upgraded = send(h2, h2c.uri("/healthz"));
            assertThat(upgraded.version()).isEqualTo(HttpClient.Version.HTTP_2);
            HttpResponse<String> refused = send(h2, plain.uri("/healthz"));
            assertThat(refused.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(refused.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void tlsFlagsAreValidatedNamingTheFlag() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TlsConfig("/nonexistent.pem", null, false, false))
                .hasMessageContaining("--tls-cert and --tls-key");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TlsConfig.pem("/nonexistent.pem", "/nonexistent.key"))
                .hasMessageContaining("--tls-cert file is missing");
    }

    static URI https(HeraldFixture hub, String pathAndQuery) {
        return URI.create("https://localhost:" + hub.server.port() + pathAndQuery);
    }

    static HttpClient client(HttpClient.Version version, SSLContext ssl) {
        return HttpClient.newBuilder().version(version).sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpResponse<String> send(HttpClient client, URI uri) {
        try {
            return client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static X509Certificate certificateAt(String path) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** An SSL context that trusts exactly {@code certificate}. */
    static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("herald", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** The certificate a TLS server on {@code port} presents (fetched once without trust, to pin it). */
    static X509Certificate presentedCertificate(int port) throws Exception {
        SSLContext any = SSLContext.getInstance("TLS");
        any.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket socket = (SSLSocket) any.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            Certificate[] chain = socket.getSession().getPeerCertificates();
            return (X509Certificate) chain[0];
        }
    }
}

package dev.herald.server.internal.http;

import dev.herald.server.LimitsConfig;
import dev.herald.server.TlsConfig;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.util.List;

/**
 * The listener's options: request head bounds, and TLS with HTTP/2 offered by ALPN (browsers then
 * multiplex every event stream of a page over one connection instead of six), or h2c on plain TCP when
 * asked for. HTTP/1.1 is always served.
 */
public final class ServerTransport {

    private ServerTransport() {
    }

    /** Options listening on {@code host:port} with {@code limits} and {@code tls}. */
    public static HttpServerOptions options(String host, int port, LimitsConfig limits, TlsConfig tls) {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                // Request heads are buffered whole before routing: these bound that buffer per connection.
                .setMaxInitialLineLength(limits.maxUrlBytes())
                .setMaxHeaderSize(limits.maxHeaderBytes())
                .setDecompressionSupported(false)
                // Every response is written on its connection's event loop (SseConnection drains there, blocking
                // calls complete there): Vert.x then writes straight to the channel instead of through a
                // per-connection cross-thread queue, whose 1,024-slot array was ~4.6 KiB of every idle stream.
                .setStrictThreadMode(true)
                // Herald serves no WebSockets: without these, every HTTP/1.1 connection carries (and every
                // write passes through) a WebSocket compression handler.
                .setPerFrameWebSocketCompressionSupported(false)
                .setPerMessageWebSocketCompressionSupported(false)
                // Where Vert.x decodes a form body itself (not on the Mercure publish route: HttpRoutes.rawFormBody),
                // it does so with bounds of its own (8 KiB per field by default, which made larger publishes fail
                // when it did); --max-body and --max-topics are the bounds that apply.
                .setMaxFormAttributeSize((int) Math.min(Integer.MAX_VALUE, limits.maxBodyBytes()))
                .setMaxFormBufferedBytes((int) Math.min(Integer.MAX_VALUE, limits.maxBodyBytes()))
                .setMaxFormFields(limits.maxTopics() + MercureEndpoint.OTHER_FIELDS)
                .setHttp2ClearTextEnabled(tls.h2c())
                .setInitialSettings(new Http2Settings()
                        .setMaxConcurrentStreams(limits.maxStreamsPerConnection())
                        .setMaxHeaderListSize(limits.maxHeaderBytes()));
        if (tls.enabled()) {
            options.setSsl(true)
                    .setUseAlpn(true)
                    .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1))
                    .setKeyCertOptions(keyCert(tls));
        }
        return options;
    }

    private static KeyCertOptions keyCert(TlsConfig tls) {
        if (tls.selfSigned()) {
            return SelfSignedCertificate.create("localhost").keyCertOptions();
        }
        return new PemKeyCertOptions().setCertPath(tls.certPath()).setKeyPath(tls.keyPath());
    }
}

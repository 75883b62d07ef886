package dev.herald.server.cli;

import dev.herald.server.TlsConfig;
import picocli.CommandLine.Option;

/** The {@code herald} options for TLS and HTTP/2. */
final class TlsOptions {

    @Option(names = "--tls-cert", defaultValue = "${env:HERALD_TLS_CERT}",
            description = "PEM certificate chain; with --tls-key serves HTTPS with HTTP/2 by ALPN (env HERALD_TLS_CERT).")
    String cert;

    @Option(names = "--tls-key", defaultValue = "${env:HERALD_TLS_KEY}",
            description = "PEM private key of --tls-cert (env HERALD_TLS_KEY).")
    String key;

    @Option(names = "--tls-self-signed", defaultValue = "${env:HERALD_TLS_SELF_SIGNED:-false}", fallbackValue = "true",
            arity = "0..1", description = "Serve HTTPS with a certificate generated at startup, for development (env HERALD_TLS_SELF_SIGNED).")
    boolean selfSigned;

    @Option(names = "--h2c", defaultValue = "${env:HERALD_H2C:-false}", fallbackValue = "true", arity = "0..1",
            description = "Accept HTTP/2 over plain TCP (h2c), e.g. behind a proxy that speaks it (env HERALD_H2C).")
    boolean h2c;

    TlsConfig config() {
        return new TlsConfig(AuthOptions.blankToNull(cert), AuthOptions.blankToNull(key), selfSigned, h2c);
    }
}

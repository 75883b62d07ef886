package dev.herald.server;

/**
 * Transport security and HTTP/2. With TLS, HTTP/2 is offered by ALPN next to HTTP/1.1, so browsers
 * multiplex any number of event streams over one connection instead of six.
 *
 * @param certPath a PEM certificate chain, or null
 * @param keyPath the PEM private key of {@code certPath}, or null
 * @param selfSigned serve TLS with a certificate generated at startup, for development only
 * @param h2c accept HTTP/2 over plain TCP (prior knowledge or upgrade), for proxies that speak it
 */
public record TlsConfig(String certPath, String keyPath, boolean selfSigned, boolean h2c) {

    public TlsConfig {
        Checks.require((certPath == null) == (keyPath == null),
                "--tls-cert and --tls-key must be given together, got only " + (certPath == null ? "--tls-key" : "--tls-cert"));
        Checks.require(!(selfSigned && certPath != null),
                "--tls-self-signed cannot be combined with --tls-cert/--tls-key; choose one");
        if (certPath != null) {
            requireReadable("--tls-cert", certPath);
            requireReadable("--tls-key", keyPath);
        }
    }

    /** Plain HTTP/1.1, no h2c. */
    public static TlsConfig none() {
        return new TlsConfig(null, null, false, false);
    }

    /** TLS with a certificate generated at startup. */
    public static TlsConfig selfSignedCertificate() {
        return new TlsConfig(null, null, true, false);
    }

    /** TLS with the PEM files at {@code cert} and {@code key}. */
    public static TlsConfig pem(String cert, String key) {
        return new TlsConfig(cert, key, false, false);
    }

    /** True when the server speaks TLS. */
    public boolean enabled() {
        return selfSigned || certPath != null;
    }

    /** This configuration with h2c on or off. */
    public TlsConfig withH2c(boolean enabled) {
        return new TlsConfig(certPath, keyPath, selfSigned, enabled);
    }

    private static void requireReadable(String flag, String path) {
        Checks.require(java.nio.file.Files.isReadable(java.nio.file.Path.of(path)),
                flag + " file is missing or unreadable: " + path);
    }
}

package dev.herald.server;

import java.util.List;
import java.util.Locale;

/**
 * The effective configuration of a Herald server, validated on construction with messages that name the
 * command-line flag at fault. Related settings are grouped: {@link AuthConfig}, {@link LimitsConfig},
 * {@link TlsConfig}.
 *
 * @param host the address to listen on
 * @param port the TCP port, 0 for any free one
 * @param auth keys, token sources and the cookie
 * @param limits connection, request and rate bounds
 * @param tls TLS and HTTP/2
 * @param corsOrigins origins whose pages may call the hub (with credentials), or {@code ["*"]} for any
 *     origin without credentials; empty for same-origin only
 * @param subscriptionsApi whether the Mercure subscriptions API and subscription events are on
 * @param heartbeatSeconds idle seconds before a heartbeat comment is written to a stream, 0 for none
 * @param retryMillis the {@code retry:} sent at the start of each stream, 0 for none
 * @param historySize updates kept for replay
 * @param historyBytes encoded bytes kept for replay
 * @param outboundBudgetBytes bytes a subscriber may have waiting before it is cut as a slow consumer
 * @param apps whether the demo applications (home page, chat, prices, console, ...) and their pages are served
 * @param eventLoops event loops serving connections (each takes a core when busy), 0 for one per available processor
 */
public record ServerConfig(
        String host,
        int port,
        AuthConfig auth,
        LimitsConfig limits,
        TlsConfig tls,
        List<String> corsOrigins,
        boolean subscriptionsApi,
        int heartbeatSeconds,
        long retryMillis,
        int historySize,
        long historyBytes,
        long outboundBudgetBytes,
        boolean apps,
        int eventLoops) {

    /** HS256 needs a key of at least 256 bits. */
    public static final int MIN_KEY_BYTES = AuthConfig.MIN_KEY_BYTES;
    /** An upper bound on {@code --event-loops} that catches a mistyped value: far more cores than a Herald node has. */
    public static final int MAX_EVENT_LOOPS = 256;

    public ServerConfig {
        Checks.require(host != null && !host.isBlank(), "--host must not be empty");
        Checks.require(port >= 0 && port <= 65535, "--port must be between 0 and 65535, got " + port);
        Checks.require(auth != null && limits != null && tls != null, "auth, limits and tls must be given");
        corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
        corsOrigins.forEach(ServerConfig::requireOrigin);
        Checks.require(!corsOrigins.contains("*") || corsOrigins.size() == 1,
                "--cors-origin '*' allows every origin (without credentials) and cannot be combined with others");
        Checks.require(heartbeatSeconds >= 0, "--heartbeat must be >= 0 seconds, got " + heartbeatSeconds);
        Checks.require(retryMillis >= 0, "--retry-ms must be >= 0 milliseconds, got " + retryMillis);
        Checks.require(historySize >= 1, "--history-size must be >= 1 update, got " + historySize);
        Checks.require(historyBytes >= 1024, "--history-bytes must be >= 1024, got " + historyBytes);
        Checks.require(outboundBudgetBytes >= 1024, "--outbound-budget must be >= 1024 bytes, got " + outboundBudgetBytes);
        Checks.require(eventLoops >= 0 && eventLoops <= MAX_EVENT_LOOPS,
                "--event-loops must be between 0 (one per processor) and " + MAX_EVENT_LOOPS + ", got " + eventLoops);
    }

    /** The event loops the node runs: {@link #eventLoops()}, or one per available processor when that is 0. */
    public int eventLoopCount() {
        return eventLoops > 0 ? eventLoops : Runtime.getRuntime().availableProcessors();
    }

    /**
     * The defaults, listening on {@code host:port}, with the demo applications off: a program embedding the hub
     * serves its own pages (the command line turns them on unless {@code --no-apps}).
     */
    public static ServerConfig defaults(String host, int port) {
        return new ServerConfig(host, port, AuthConfig.defaults(), LimitsConfig.defaults(), TlsConfig.none(), List.of(),
                false, 15, 3000, 10_000, 64L * 1024 * 1024, 1024 * 1024, false, 0);
    }

    /** True when no publisher key was configured: Herald generates one and relaxes rules for loopback. */
    public boolean developmentMode() {
        return auth.developmentMode();
    }

    /** This configuration with another authorization setup. */
    public ServerConfig withAuth(AuthConfig newAuth) {
        return new ServerConfig(host, port, newAuth, limits, tls, corsOrigins, subscriptionsApi, heartbeatSeconds,
                retryMillis, historySize, historyBytes, outboundBudgetBytes, apps, eventLoops);
    }

    /** This configuration with other limits. */
    public ServerConfig withLimits(LimitsConfig newLimits) {
        return new ServerConfig(host, port, auth, newLimits, tls, corsOrigins, subscriptionsApi, heartbeatSeconds,
                retryMillis, historySize, historyBytes, outboundBudgetBytes, apps, eventLoops);
    }

    /** This configuration with other TLS settings. */
    public ServerConfig withTls(TlsConfig newTls) {
        return new ServerConfig(host, port, auth, limits, newTls, corsOrigins, subscriptionsApi, heartbeatSeconds,
                retryMillis, historySize, historyBytes, outboundBudgetBytes, apps, eventLoops);
    }

    /** This configuration with other allowed CORS origins. */
    public ServerConfig withCorsOrigins(List<String> origins) {
        return new ServerConfig(host, port, auth, limits, tls, origins, subscriptionsApi, heartbeatSeconds,
                retryMillis, historySize, historyBytes, outboundBudgetBytes, apps, eventLoops);
    }

    /** This configuration with the subscriptions API on or off. */
    public ServerConfig withSubscriptionsApi(boolean enabled) {
        return new ServerConfig(host, port, auth, limits, tls, corsOrigins, enabled, heartbeatSeconds,
                retryMillis, historySize, historyBytes, outboundBudgetBytes, apps, eventLoops);
    }

    /** This configuration with the demo applications on or off. */
    public ServerConfig withApps(boolean enabled) {
        return new ServerConfig(host, port, auth, limits, tls, corsOrigins, subscriptionsApi, heartbeatSeconds,
                retryMillis, historySize, historyBytes, outboundBudgetBytes, enabled, eventLoops);
    }

    /** This configuration with the given HS256 publisher key (and the same for subscribers unless set apart). */
    public ServerConfig withPublisherKey(String key) {
        return withAuth(auth.withPublisher(key == null ? null : JwtKey.hs256(key)));
    }

    /** This configuration with anonymous subscribers allowed or not. */
    public ServerConfig withAnonymous(boolean allowed) {
        return withAuth(auth.withAnonymous(allowed));
    }

    /** This configuration with another heartbeat interval. */
    public ServerConfig withHeartbeatSeconds(int seconds) {
        return new ServerConfig(host, port, auth, limits, tls, corsOrigins, subscriptionsApi, seconds,
                retryMillis, historySize, historyBytes, outboundBudgetBytes, apps, eventLoops);
    }

    /** This configuration with other history bounds. */
    public ServerConfig withHistory(int size, long bytes) {
        return new ServerConfig(host, port, auth, limits, tls, corsOrigins, subscriptionsApi, heartbeatSeconds,
                retryMillis, size, bytes, outboundBudgetBytes, apps, eventLoops);
    }

    /** This configuration with another outbound budget per subscriber. */
    public ServerConfig withOutboundBudget(long bytes) {
        return new ServerConfig(host, port, auth, limits, tls, corsOrigins, subscriptionsApi, heartbeatSeconds,
                retryMillis, historySize, historyBytes, bytes, apps, eventLoops);
    }

    /** This configuration with {@code count} event loops (0: one per available processor). */
    public ServerConfig withEventLoops(int count) {
        return new ServerConfig(host, port, auth, limits, tls, corsOrigins, subscriptionsApi, heartbeatSeconds,
                retryMillis, historySize, historyBytes, outboundBudgetBytes, apps, count);
    }

    /** This configuration with another maximum body size. */
    public ServerConfig withMaxBody(long bytes) {
        return withLimits(limits.withMaxBody(bytes));
    }

    /** An origin is {@code scheme://host[:port]}, exactly as browsers send it in the Origin header. */
    private static void requireOrigin(String origin) {
        if ("*".equals(origin)) {
            return;
        }
        Checks.require(origin != null && origin.toLowerCase(Locale.ROOT).matches("https?://[a-z0-9.\\-\\[\\]:]+"),
                "--cors-origin must be '*' or scheme://host[:port] with no path or trailing slash, got " + origin);
    }
}

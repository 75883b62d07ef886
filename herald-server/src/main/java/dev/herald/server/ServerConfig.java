package dev.herald.server;

import java.nio.charset.StandardCharsets;

/**
 * The effective configuration of a Herald server, validated on construction with messages that name the
 * command-line flag at fault.
 *
 * @param host the address to listen on
 * @param port the TCP port, 0 for any free one
 * @param publisherJwtKey the HS256 secret that signs publishers' tokens, or null for development mode
 *     (a key is generated and token-less publishing is allowed from loopback only)
 * @param subscriberJwtKey the HS256 secret that signs subscribers' tokens, or null to use the publisher key
 * @param anonymous whether subscribers without a token are accepted (always true in development mode)
 * @param heartbeatSeconds idle seconds before a heartbeat comment is written to a stream, 0 for none
 * @param retryMillis the {@code retry:} sent at the start of each stream, 0 for none
 * @param historySize updates kept for replay
 * @param historyBytes encoded bytes kept for replay
 * @param maxBodyBytes the largest publish request body accepted
 * @param outboundBudgetBytes bytes a subscriber may have waiting before it is cut as a slow consumer
 */
public record ServerConfig(
        String host,
        int port,
        String publisherJwtKey,
        String subscriberJwtKey,
        boolean anonymous,
        int heartbeatSeconds,
        long retryMillis,
        int historySize,
        long historyBytes,
        long maxBodyBytes,
        long outboundBudgetBytes) {

    /** HS256 needs a key of at least 256 bits. */
    public static final int MIN_KEY_BYTES = 32;

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("--host must not be empty");
        }
        require(port >= 0 && port <= 65535, "--port must be between 0 and 65535, got " + port);
        requireKey("--publisher-jwt-key", publisherJwtKey);
        requireKey("--subscriber-jwt-key", subscriberJwtKey);
        require(heartbeatSeconds >= 0, "--heartbeat must be >= 0 seconds, got " + heartbeatSeconds);
        require(retryMillis >= 0, "--retry-ms must be >= 0 milliseconds, got " + retryMillis);
        require(historySize >= 1, "--history-size must be >= 1 update, got " + historySize);
        require(historyBytes >= 1024, "--history-bytes must be >= 1024, got " + historyBytes);
        require(maxBodyBytes >= 1, "--max-body must be >= 1 byte, got " + maxBodyBytes);
        require(outboundBudgetBytes >= 1024, "--outbound-budget must be >= 1024 bytes, got " + outboundBudgetBytes);
    }

    /** The defaults, listening on {@code host:port}. */
    public static ServerConfig defaults(String host, int port) {
        return new ServerConfig(host, port, null, null, false, 15, 3000, 10_000, 64L * 1024 * 1024,
                1024 * 1024, 1024 * 1024);
    }

    /** True when no publisher key was configured: Herald generates one and relaxes rules for loopback. */
    public boolean developmentMode() {
        return publisherJwtKey == null;
    }

    /** This configuration with the given publisher key (and the same for subscribers unless set apart). */
    public ServerConfig withPublisherKey(String key) {
        return new ServerConfig(host, port, key, subscriberJwtKey, anonymous, heartbeatSeconds, retryMillis,
                historySize, historyBytes, maxBodyBytes, outboundBudgetBytes);
    }

    /** This configuration with anonymous subscribers allowed or not. */
    public ServerConfig withAnonymous(boolean allowed) {
        return new ServerConfig(host, port, publisherJwtKey, subscriberJwtKey, allowed, heartbeatSeconds,
                retryMillis, historySize, historyBytes, maxBodyBytes, outboundBudgetBytes);
    }

    /** This configuration with another heartbeat interval. */
    public ServerConfig withHeartbeatSeconds(int seconds) {
        return new ServerConfig(host, port, publisherJwtKey, subscriberJwtKey, anonymous, seconds, retryMillis,
                historySize, historyBytes, maxBodyBytes, outboundBudgetBytes);
    }

    /** This configuration with other history bounds. */
    public ServerConfig withHistory(int size, long bytes) {
        return new ServerConfig(host, port, publisherJwtKey, subscriberJwtKey, anonymous, heartbeatSeconds,
                retryMillis, size, bytes, maxBodyBytes, outboundBudgetBytes);
    }

    /** This configuration with another outbound budget per subscriber. */
    public ServerConfig withOutboundBudget(long bytes) {
        return new ServerConfig(host, port, publisherJwtKey, subscriberJwtKey, anonymous, heartbeatSeconds,
                retryMillis, historySize, historyBytes, maxBodyBytes, bytes);
    }

    /** This configuration with another maximum body size. */
    public ServerConfig withMaxBody(long bytes) {
        return new ServerConfig(host, port, publisherJwtKey, subscriberJwtKey, anonymous, heartbeatSeconds,
                retryMillis, historySize, historyBytes, bytes, outboundBudgetBytes);
    }

    private static void requireKey(String flag, String key) {
        if (key != null && key.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(flag + " must be at least " + MIN_KEY_BYTES
                    + " bytes for HS256, got " + key.getBytes(StandardCharsets.UTF_8).length
                    + "; generate one with: openssl rand -base64 32");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}

package dev.herald.server;

/**
 * The bounds that keep one client, or many, from exhausting the hub. Each has a flag, a default sized for
 * one machine, and a counter plus a rate-limited log line when it bites.
 *
 * @param maxConnections open client connections (TCP) in total; more are answered 503 with Retry-After
 * @param maxConnectionsPerIp open client connections from one IP address; more are answered 503
 * @param maxTopics topics or selectors in one subscribe or publish request
 * @param maxBodyBytes the largest request body accepted (413 beyond)
 * @param publishRate publishes per second allowed per publisher (its JWT {@code sub}, else its token, else
 *     its IP), with a burst of the same size; 0 = unlimited; 429 with Retry-After beyond
 * @param maxHeaderBytes the largest request head (all headers) accepted (431 beyond)
 * @param maxUrlBytes the longest request line accepted (414 beyond)
 * @param requestTimeoutSeconds how long a connection without an open event stream may take to complete a
 *     request, or sit idle between requests, before it is closed (stops slowloris-style trickling)
 * @param maxStreamsPerConnection HTTP/2 streams one connection may have open at once
 * @param maxUploadBytes the largest file the upload application accepts ({@code --max-upload}); uploads stream
 *     to disk, so this bounds disk, not memory, and {@code --max-body} does not apply to them
 */
public record LimitsConfig(
        int maxConnections,
        int maxConnectionsPerIp,
        int maxTopics,
        long maxBodyBytes,
        int publishRate,
        int maxHeaderBytes,
        int maxUrlBytes,
        int requestTimeoutSeconds,
        int maxStreamsPerConnection,
        long maxUploadBytes) {

    public LimitsConfig {
        Checks.require(maxConnections >= 1, "--max-connections must be >= 1, got " + maxConnections);
        // A per-IP bound above the total is allowed (it then never bites), so lowering --max-connections alone works.
        Checks.require(maxConnectionsPerIp >= 1, "--max-connections-per-ip must be >= 1, got " + maxConnectionsPerIp);
        Checks.require(maxTopics >= 1 && maxTopics <= 10_000, "--max-topics must be between 1 and 10000, got " + maxTopics);
        Checks.require(maxBodyBytes >= 1, "--max-body must be >= 1 byte, got " + maxBodyBytes);
        Checks.require(publishRate >= 0, "--publish-rate must be >= 0 per second (0 = unlimited), got " + publishRate);
        Checks.require(maxHeaderBytes >= 1024, "--max-header-size must be >= 1024 bytes, got " + maxHeaderBytes);
        Checks.require(maxUrlBytes >= 256, "--max-url-length must be >= 256 bytes, got " + maxUrlBytes);
        Checks.require(requestTimeoutSeconds >= 1, "--request-timeout must be >= 1 second, got " + requestTimeoutSeconds);
        Checks.require(maxStreamsPerConnection >= 1,
                "--max-streams-per-connection must be >= 1, got " + maxStreamsPerConnection);
        Checks.require(maxUploadBytes >= 1, "--max-upload must be >= 1 byte, got " + maxUploadBytes);
    }

    /** The largest upload by default: 100 MiB. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 100L * 1024 * 1024;

    /**
     * The defaults: 10,000 connections, 1,000 per IP, 100 topics, 1 MiB bodies, 1,000 publishes/s, 8 KiB heads
     * and URLs, 30 s, 100 streams, 100 MiB uploads.
     */
    public static LimitsConfig defaults() {
        return new LimitsConfig(10_000, 1_000, 100, 1024 * 1024, 1_000, 8192, 8192, 30, 100, DEFAULT_MAX_UPLOAD_BYTES);
    }

    /** These limits with other connection bounds. */
    public LimitsConfig withConnections(int total, int perIp) {
        return new LimitsConfig(total, perIp, maxTopics, maxBodyBytes, publishRate, maxHeaderBytes, maxUrlBytes,
                requestTimeoutSeconds, maxStreamsPerConnection, maxUploadBytes);
    }

    /** These limits with another topic bound. */
    public LimitsConfig withMaxTopics(int topics) {
        return new LimitsConfig(maxConnections, maxConnectionsPerIp, topics, maxBodyBytes, publishRate, maxHeaderBytes,
                maxUrlBytes, requestTimeoutSeconds, maxStreamsPerConnection, maxUploadBytes);
    }

    /** These limits with another body bound. */
    public LimitsConfig withMaxBody(long bytes) {
        return new LimitsConfig(maxConnections, maxConnectionsPerIp, maxTopics, bytes, publishRate, maxHeaderBytes,
                maxUrlBytes, requestTimeoutSeconds, maxStreamsPerConnection, maxUploadBytes);
    }

    /** These limits with another publish rate. */
    public LimitsConfig withPublishRate(int perSecond) {
        return new LimitsConfig(maxConnections, maxConnectionsPerIp, maxTopics, maxBodyBytes, perSecond, maxHeaderBytes,
                maxUrlBytes, requestTimeoutSeconds, maxStreamsPerConnection, maxUploadBytes);
    }

    /** These limits with other request head bounds. */
    public LimitsConfig withHead(int headerBytes, int urlBytes) {
        return new LimitsConfig(maxConnections, maxConnectionsPerIp, maxTopics, maxBodyBytes, publishRate, headerBytes,
                urlBytes, requestTimeoutSeconds, maxStreamsPerConnection, maxUploadBytes);
    }

    /** These limits with another request timeout. */
    public LimitsConfig withRequestTimeoutSeconds(int seconds) {
        return new LimitsConfig(maxConnections, maxConnectionsPerIp, maxTopics, maxBodyBytes, publishRate, maxHeaderBytes,
                maxUrlBytes, seconds, maxStreamsPerConnection, maxUploadBytes);
    }

    /** These limits with another upload bound. */
    public LimitsConfig withMaxUpload(long bytes) {
        return new LimitsConfig(maxConnections, maxConnectionsPerIp, maxTopics, maxBodyBytes, publishRate, maxHeaderBytes,
                maxUrlBytes, requestTimeoutSeconds, maxStreamsPerConnection, bytes);
    }
}

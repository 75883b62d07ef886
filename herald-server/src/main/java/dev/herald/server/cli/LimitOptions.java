package dev.herald.server.cli;

import dev.herald.server.LimitsConfig;
import picocli.CommandLine.Option;

/** The {@code herald} options bounding connections, requests and publish rates. */
final class LimitOptions {

    @Option(names = "--max-connections", defaultValue = "${env:HERALD_MAX_CONNECTIONS:-10000}",
            description = "Open client connections in total; more get 503 + Retry-After (env HERALD_MAX_CONNECTIONS).")
    int maxConnections;

    @Option(names = "--max-connections-per-ip", defaultValue = "${env:HERALD_MAX_CONNECTIONS_PER_IP:-1000}",
            description = "Open connections from one IP address; more get 503 + Retry-After (env HERALD_MAX_CONNECTIONS_PER_IP).")
    int maxConnectionsPerIp;

    @Option(names = "--max-topics", defaultValue = "${env:HERALD_MAX_TOPICS:-100}",
            description = "Topics or selectors in one subscribe or publish request (env HERALD_MAX_TOPICS).")
    int maxTopics;

    @Option(names = "--max-body", defaultValue = "${env:HERALD_MAX_BODY:-1048576}",
            description = "Largest publish body accepted, in bytes; larger gets 413 (env HERALD_MAX_BODY).")
    long maxBody;

    @Option(names = "--publish-rate", defaultValue = "${env:HERALD_PUBLISH_RATE:-1000}",
            description = "Publishes per second per publisher (JWT sub, token or IP), burst of the same; 0 = unlimited;"
                    + " beyond it 429 + Retry-After (env HERALD_PUBLISH_RATE).")
    int publishRate;

    @Option(names = "--max-header-size", defaultValue = "${env:HERALD_MAX_HEADER_SIZE:-8192}",
            description = "Largest request head (all headers) in bytes; larger gets 431 (env HERALD_MAX_HEADER_SIZE).")
    int maxHeaderSize;

    @Option(names = "--max-url-length", defaultValue = "${env:HERALD_MAX_URL_LENGTH:-8192}",
            description = "Longest request line in bytes; longer gets 414 (env HERALD_MAX_URL_LENGTH).")
    int maxUrlLength;

    @Option(names = "--request-timeout", defaultValue = "${env:HERALD_REQUEST_TIMEOUT:-30}",
            description = "Seconds a connection without an event stream may take to complete a request or idle"
                    + " between requests before it is closed (slowloris) (env HERALD_REQUEST_TIMEOUT).")
    int requestTimeout;

    @Option(names = "--max-streams-per-connection", defaultValue = "${env:HERALD_MAX_STREAMS_PER_CONNECTION:-100}",
            description = "HTTP/2 streams one connection may have open at once (env HERALD_MAX_STREAMS_PER_CONNECTION).")
    int maxStreamsPerConnection;

    @Option(names = "--max-upload", defaultValue = "${env:HERALD_MAX_UPLOAD:-104857600}",
            description = "Largest file the upload application accepts, in bytes; streamed to a temporary file, never"
                    + " held in memory; larger gets 413 and an error stage (env HERALD_MAX_UPLOAD).")
    long maxUpload;

    LimitsConfig config() {
        return new LimitsConfig(maxConnections, maxConnectionsPerIp, maxTopics, maxBody, publishRate, maxHeaderSize,
                maxUrlLength, requestTimeout, maxStreamsPerConnection, maxUpload);
    }
}

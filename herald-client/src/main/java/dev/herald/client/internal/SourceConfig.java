package dev.herald.client.internal;

import dev.herald.client.BackoffStrategy;
import dev.herald.client.ErrorStrategy;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

/**
 * Everything an event source was built with; immutable.
 *
 * @param uri the URI to request, query parameters included
 * @param headers extra request headers, in order
 * @param lastEventId the {@code Last-Event-ID} to start from, empty for none
 * @param httpClient the client that makes the requests
 * @param retryDelay the reconnection time until the server sends {@code retry:}
 * @param backoff the strategy for the first reconnection after a healthy period
 * @param errorStrategy the strategy deciding which failures are retried
 * @param readTimeout a fixed read timeout, {@link Duration#ZERO} for none, or null to size it per connection
 *     from the server's advertised heartbeat
 * @param fallbackReadTimeout the read timeout when {@code readTimeout} is null and no heartbeat is advertised
 * @param resetBackoffAfter how long a connection must stay open for the backoff to start over
 * @param maxEventChars the largest event the parser accepts, in characters
 * @param threadFactory makes the source's thread
 * @param time the clock and the waits (a test seam)
 */
public record SourceConfig(URI uri, Map<String, String> headers, String lastEventId, HttpClient httpClient,
        Duration retryDelay, BackoffStrategy backoff, ErrorStrategy errorStrategy, Duration readTimeout,
        Duration fallbackReadTimeout, Duration resetBackoffAfter, int maxEventChars, ThreadFactory threadFactory,
        TimeSource time) {
}

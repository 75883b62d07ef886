package dev.herald.client;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;

/**
 * A connection opened: the server answered 200 with {@code text/event-stream}.
 *
 * @param uri the URI requested, query parameters included
 * @param headers the response headers
 * @param lastEventIdSent the {@code Last-Event-ID} header sent with the request, or an empty string for none
 * @param readTimeout the read timeout in effect for this connection, {@link Duration#ZERO} when off
 */
public record OpenEvent(URI uri, HttpHeaders headers, String lastEventIdSent, Duration readTimeout) {
}

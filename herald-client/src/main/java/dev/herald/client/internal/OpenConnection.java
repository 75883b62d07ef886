package dev.herald.client.internal;

import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.time.Duration;

/**
 * A connection the server accepted (200, {@code text/event-stream}), ready to be read.
 *
 * @param headers the response headers
 * @param body the event stream, watched by the read timeout unless it is zero
 * @param readTimeout the read timeout in force, {@link Duration#ZERO} when off
 * @param lastEventIdSent the {@code Last-Event-ID} sent with the request, empty for none
 */
record OpenConnection(HttpHeaders headers, InputStream body, Duration readTimeout, String lastEventIdSent) {

    /** True if the body was closed because the read timeout expired. */
    boolean timedOut() {
        return body instanceof TimedInputStream timed && timed.timedOut();
    }
}

package dev.herald.client;

import java.net.URI;
import java.net.http.HttpHeaders;

/**
 * The server answered 200 but not with {@code Content-Type: text/event-stream}. Per the WHATWG spec this
 * ends the event source for good: the URL is most likely not an SSE endpoint (a login or error page).
 */
public final class ContentTypeException extends EventSourceException {

    private static final long serialVersionUID = 1L;

    private final String contentType;
    private final transient HttpHeaders headers;

    /** A failure for {@code uri}, which answered {@code contentType} (empty when absent) with {@code headers}. */
    public ContentTypeException(URI uri, String contentType, HttpHeaders headers) {
        super("GET " + uri + " answered Content-Type '" + contentType + "' instead of text/event-stream;"
                + " the event source stopped: check that the URL points at an SSE endpoint", null);
        this.contentType = contentType;
        this.headers = headers;
    }

    /** The Content-Type the server answered, or an empty string when it sent none. */
    public String contentType() {
        return contentType;
    }

    /** The response headers. */
    public HttpHeaders headers() {
        return headers;
    }
}

package dev.herald.client;

import java.net.URI;
import java.net.http.HttpHeaders;

/**
 * The server answered a status other than 200. Per the WHATWG spec this ends the event source for good:
 * {@code 204 No Content} is the server's way of saying "stop reconnecting", anything else is an error.
 */
public final class HttpStatusException extends EventSourceException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient HttpHeaders headers;
    private final String reason;

    /** A failure for {@code uri} answered with {@code status}, its {@code headers} and the start of its body. */
    public HttpStatusException(URI uri, int status, HttpHeaders headers, String reason) {
        super(describe(uri, status, reason), null);
        this.status = status;
        this.headers = headers;
        this.reason = reason;
    }

    /** The HTTP status the server answered. */
    public int status() {
        return status;
    }

    /** The response headers (e.g. {@code Retry-After}, {@code WWW-Authenticate}). */
    public HttpHeaders headers() {
        return headers;
    }

    /** The first line of the response body, at most a few hundred characters; empty when there was none. */
    public String reason() {
        return reason;
    }

    /** True for {@code 204 No Content}: the server asked the client to stop, which is no error. */
    public boolean isStopRequest() {
        return status == 204;
    }

    private static String describe(URI uri, int status, String reason) {
        if (status == 204) {
            return "GET " + uri + " answered 204 No Content: the server asked this client to stop reconnecting";
        }
        String why = reason.isEmpty() ? "" : " (" + reason + ")";
        String hint = status == 401 || status == 403
                ? "check the Authorization header or token"
                : "check the URL and the server's log";
        return "GET " + uri + " answered HTTP " + status + why + " instead of 200; the event source stopped: " + hint;
    }
}

package dev.herald.server.internal.http;

/**
 * A request failed for a reason the client can act on: the status and a one-line message that says what
 * was wrong and what to do. Thrown by handlers and turned into a response in one place, {@link ErrorResponder}.
 */
public final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final Long retryAfterSeconds;

    private HttpError(int status, String message, Long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 400: the request is malformed. */
    public static HttpError badRequest(String message) {
        return new HttpError(400, message, null);
    }

    /** 401: no acceptable credentials. */
    public static HttpError unauthorized(String message) {
        return new HttpError(401, message, null);
    }

    /** 403: credentials valid but not enough. */
    public static HttpError forbidden(String message) {
        return new HttpError(403, message, null);
    }

    /** 404: no such resource. */
    public static HttpError notFound(String message) {
        return new HttpError(404, message, null);
    }

    /** 429 with a Retry-After: this client sends faster than allowed. */
    public static HttpError tooManyRequests(String message, long retryAfterSeconds) {
        return new HttpError(429, message, retryAfterSeconds);
    }

    /** 415: wrong content type. */
    public static HttpError unsupportedMediaType(String message) {
        return new HttpError(415, message, null);
    }

    /** 503 with a Retry-After: the hub cannot take this now. */
    public static HttpError unavailable(String message, long retryAfterSeconds) {
        return new HttpError(503, message, retryAfterSeconds);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** Seconds for a Retry-After header, or null. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}

package dev.herald.client;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;

/**
 * The hub refused an update. Carries the HTTP status, the hub's one-line reason and the response headers;
 * {@link #kind()} names the refusal and the message says what to do about it.
 */
public final class PublishException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The refusals a hub answers, each with the advice the exception's message gives. */
    public enum Kind {
        /** 400: a field is invalid; the reason names it. */
        BAD_REQUEST("the hub rejected the update as invalid; fix the field the reason names"),
        /** 401: no token, or one the hub cannot verify. */
        UNAUTHORIZED("the hub did not accept the token; send a JWT signed with the hub's publisher key and not expired"),
        /** 403: the token may not publish to these topics. */
        FORBIDDEN("the token may not publish to these topics; add them to its mercure.publish claim"),
        /** 413: the update is larger than the hub allows. */
        PAYLOAD_TOO_LARGE("the update is larger than the hub allows; send less data per update"),
        /** 429: too many updates; retry after {@link #retryAfter()}. */
        TOO_MANY_REQUESTS("the hub is rate-limiting this publisher; retry later"),
        /** 503: the hub cannot accept updates now (its log is unavailable, or it is shutting down). */
        UNAVAILABLE("the hub cannot accept updates now; retry later, the update was not published"),
        /** Any other status. */
        UNEXPECTED("the hub answered an unexpected status; check the hub URL and the hub's log");

        private final String advice;

        Kind(String advice) {
            this.advice = advice;
        }

        /** The kind for HTTP {@code status}. */
        public static Kind of(int status) {
            return switch (status) {
                case 400 -> BAD_REQUEST;
                case 401 -> UNAUTHORIZED;
                case 403 -> FORBIDDEN;
                case 413 -> PAYLOAD_TOO_LARGE;
                case 429 -> TOO_MANY_REQUESTS;
                case 503 -> UNAVAILABLE;
                default -> UNEXPECTED;
            };
        }
    }

    private final int status;
    private final String reason;
    private final transient HttpHeaders headers;

    /** A refusal with {@code status}, the hub's {@code reason} (empty if none) and the response {@code headers}. */
    public PublishException(int status, String reason, HttpHeaders headers) {
        super("HTTP " + status + (reason.isEmpty() ? "" : " \"" + reason + "\"") + ": " + Kind.of(status).advice);
        this.status = status;
        this.reason = reason;
        this.headers = headers;
    }

    /** The HTTP status the hub answered. */
    public int status() {
        return status;
    }

    /** The hub's one-line reason (the response body), empty if it sent none. */
    public String reason() {
        return reason;
    }

    /** What kind of refusal this is. */
    public Kind kind() {
        return Kind.of(status);
    }

    /** The response headers. */
    public HttpHeaders headers() {
        return headers;
    }

    /** The hub's {@code Retry-After} in seconds, if it sent one (usually with 429 or 503). */
    public Optional<Duration> retryAfter() {
        return headers.firstValue("Retry-After").flatMap(PublishException::seconds);
    }

    /** True when trying the same update again later may succeed (429, 503). */
    public boolean isRetryable() {
        return status == 429 || status == 503;
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
        } catch (NumberFormatException httpDate) {
            return Optional.empty(); // An HTTP-date form is legal but rare; the status alone still says "later".
        }
    }
}

package dev.herald.server.cli;

import dev.herald.client.ConnectionLostException;
import dev.herald.client.ContentTypeException;
import dev.herald.client.EventSourceException;
import dev.herald.client.HttpStatusException;
import dev.herald.client.MalformedStreamException;

/**
 * The exit statuses of the client subcommands ({@code listen}, {@code publish}, {@code token}), one per
 * kind of failure, so a script can tell "fix the token" from "try again later" without parsing stderr.
 */
public final class ExitCodes {

    /** Done: published, minted, or {@code listen} was told to stop (204) or lost the reader of its output. */
    public static final int OK = 0;
    /** The server answered an unexpected status (404, 500, ...), or something else failed. */
    public static final int FAILED = 1;
    /** The command line is wrong: a missing or invalid flag, an unreadable file, a short key. */
    public static final int USAGE = 2;
    /** The server could not be reached, or the connection kept failing until {@code listen} gave up. */
    public static final int UNREACHABLE = 3;
    /** The server refused the request as invalid (400, 413, 415): fix what the reason names. */
    public static final int REJECTED = 4;
    /** 401: no token, or one the server cannot verify. */
    public static final int UNAUTHORIZED = 5;
    /** 403: the token is valid but does not allow these topics. */
    public static final int FORBIDDEN = 6;
    /** 429 or 503: the server is overloaded or shutting down; trying again later may work. */
    public static final int UNAVAILABLE = 7;
    /** The URL answered, but not with a well-formed {@code text/event-stream}. */
    public static final int NOT_AN_EVENT_STREAM = 8;
    /** {@code listen} was interrupted (the usual status for Ctrl-C). */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }

    /** The exit status for an HTTP error {@code status} the server answered. */
    public static int forStatus(int status) {
        return switch (status) {
            case 400, 413, 415 -> REJECTED;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 429, 503 -> UNAVAILABLE;
            default -> FAILED;
        };
    }

    /** The exit status for the failure that ended {@code listen}'s event source. */
    public static int forListenFailure(EventSourceException failure) {
        if (failure instanceof HttpStatusException status) {
            return forStatus(status.status());
        }
        if (failure instanceof ContentTypeException || failure instanceof MalformedStreamException) {
            return NOT_AN_EVENT_STREAM;
        }
        return failure instanceof ConnectionLostException ? UNREACHABLE : FAILED;
    }
}

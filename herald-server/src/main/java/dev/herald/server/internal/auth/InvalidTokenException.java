package dev.herald.server.internal.auth;

/** A JWT was refused; the message says why, without echoing the token. */
public final class InvalidTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a reason safe to return to the client. */
    public InvalidTokenException(String reason) {
        super(reason);
    }
}

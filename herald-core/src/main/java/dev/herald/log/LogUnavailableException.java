package dev.herald.log;

/** The log could not take or give entries (storage unreachable, closed, or full); the caller may retry later. */
public class LogUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception whose message says what failed and what to do. */
    public LogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An exception whose message says what failed and what to do. */
    public LogUnavailableException(String message) {
        super(message);
    }
}

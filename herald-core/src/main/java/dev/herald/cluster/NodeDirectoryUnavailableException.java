package dev.herald.cluster;

/** The directory's storage could not be reached; the caller keeps what it knew and tries again later. */
public class NodeDirectoryUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception whose message says what failed. */
    public NodeDirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.herald.hub;

/** The hub refused a publish because fan-out is too far behind; the publisher should retry shortly. */
public class HubOverloadedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception saying how far behind the fan-out is. */
    public HubOverloadedException(int backlog) {
        super("the hub is overloaded: " + backlog + " updates are waiting for fan-out; retry in a second");
    }
}

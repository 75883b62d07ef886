package dev.herald.hub;

/** The hub was closed (the node is shutting down); the caller should go to another node or retry later. */
public class HubClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** An exception saying the hub is closed. */
    public HubClosedException() {
        super("the hub is shutting down; retry on another node or in a moment");
    }
}

package dev.herald.hub;

/**
 * Tuning of a {@link Hub}.
 *
 * @param outboundBudgetBytes bytes a subscriber may have waiting before it is cut as a slow consumer
 * @param replayPageSize log entries read per step when replaying history to a resuming subscriber
 * @param maxDispatchBacklog updates waiting for fan-out beyond which publishes are refused as overload
 */
public record HubOptions(long outboundBudgetBytes, int replayPageSize, int maxDispatchBacklog) {

    /** 1 MiB: room for a burst of thousands of small updates, small enough that 20k slow readers fit in memory. */
    public static final long DEFAULT_OUTBOUND_BUDGET = 1024 * 1024;
    /** Entries per replay step. */
    public static final int DEFAULT_REPLAY_PAGE = 256;
    /** Updates that may wait for fan-out. */
    public static final int DEFAULT_MAX_BACKLOG = 50_000;

    public HubOptions {
        if (outboundBudgetBytes < 1024) {
            throw new IllegalArgumentException("outbound budget must be >= 1024 bytes, got " + outboundBudgetBytes);
        }
        if (replayPageSize < 1) {
            throw new IllegalArgumentException("replay page size must be >= 1, got " + replayPageSize);
        }
        if (maxDispatchBacklog < 1) {
            throw new IllegalArgumentException("max dispatch backlog must be >= 1, got " + maxDispatchBacklog);
        }
    }

    /** The defaults. */
    public static HubOptions defaults() {
        return new HubOptions(DEFAULT_OUTBOUND_BUDGET, DEFAULT_REPLAY_PAGE, DEFAULT_MAX_BACKLOG);
    }

    /** These options with another outbound budget. */
    public HubOptions withOutboundBudget(long bytes) {
        return new HubOptions(bytes, replayPageSize, maxDispatchBacklog);
    }
}

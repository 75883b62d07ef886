package dev.herald.hub;

import java.util.List;

/**
 * Tuning of a {@link Hub}.
 *
 * @param outboundBudgetBytes bytes a subscriber may have waiting before it is cut as a slow consumer
 * @param replayPageSize log entries read per step when replaying history to a resuming subscriber
 * @param maxDispatchBacklog updates waiting for fan-out beyond which publishes are refused as overload
 * @param conflatedTopics topics whose updates are <em>conflated</em>: a subscriber that has not yet been sent
 *     an update on such a topic, when a newer one of the same topic and type arrives, gets only the newer one
 *     (for values where only the latest matters, such as prices); empty for none
 */
public record HubOptions(long outboundBudgetBytes, int replayPageSize, int maxDispatchBacklog,
                         List<TopicSelector> conflatedTopics) {

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
        conflatedTopics = conflatedTopics == null ? List.of() : List.copyOf(conflatedTopics);
    }

    /** Options conflating no topic. */
    public HubOptions(long outboundBudgetBytes, int replayPageSize, int maxDispatchBacklog) {
        this(outboundBudgetBytes, replayPageSize, maxDispatchBacklog, List.of());
    }

    /** The defaults. */
    public static HubOptions defaults() {
        return new HubOptions(DEFAULT_OUTBOUND_BUDGET, DEFAULT_REPLAY_PAGE, DEFAULT_MAX_BACKLOG);
    }

    /** These options with another outbound budget. */
    public HubOptions withOutboundBudget(long bytes) {
        return new HubOptions(bytes, replayPageSize, maxDispatchBacklog, conflatedTopics);
    }

    /** These options conflating updates on the topics {@code selectors} match (replacing any earlier list). */
    public HubOptions withConflatedTopics(List<TopicSelector> selectors) {
        return new HubOptions(outboundBudgetBytes, replayPageSize, maxDispatchBacklog, selectors);
    }
}

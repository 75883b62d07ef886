package dev.herald.redis.internal;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a node's Redis log and broker know together: the highest position seen (the floor for new stream
 * ids, so positions never go backwards even if the stream was lost and recreated) and the stream's epoch.
 *
 * <p>The epoch is a random token created with the stream's metadata. A different token means the stream
 * was deleted or lost (a Redis restart without persistence) and recreated: entries not yet delivered are
 * gone, and the id index went with them, so clients resuming with an old id are told of the gap.
 */
public final class SharedState {

    private static final System.Logger LOG = System.getLogger(SharedState.class.getName());

    private final AtomicLong highest = new AtomicLong();
    private volatile String epoch;

    /** Notes that {@code position} exists. */
    public void saw(long position) {
        highest.accumulateAndGet(position, Math::max);
    }

    /** The highest position seen by this node. */
    public long highest() {
        return highest.get();
    }

    /**
     * Notes the stream's current epoch ({@code null} or empty when its metadata does not exist) and answers
     * true when it differs from the one known before, i.e. the stream was recreated.
     */
    public boolean observeEpoch(String current) {
        String now = current == null || current.isEmpty() ? null : current;
        String before = epoch;
        if (Objects.equals(before, now)) {
            return false;
        }
        epoch = now;
        if (before == null) {
            return false;
        }
        LOG.log(Level.WARNING, "the Herald stream in Redis was lost and recreated (epoch " + before + " -> " + now
                + "): updates not delivered before the loss are gone; clients resuming from before it get herald-history-gap."
                + " Run Redis with persistence (appendonly yes) to avoid this.");
        return true;
    }

    /** The epoch known now, or null. */
    public String epoch() {
        return epoch;
    }
}

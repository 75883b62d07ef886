package dev.herald.log;

import dev.herald.hub.Update;
import java.util.OptionalLong;

/**
 * The single source of order: every published update is appended here and gets its position.
 *
 * <p>Contract for every implementation:
 * <ul>
 *   <li>Positions are positive and strictly increasing in append order; they need not be contiguous.</li>
 *   <li>The log is bounded: it trims its oldest entries by its own policy (count, bytes, age), and then
 *       reports reads that start before its oldest entry as {@linkplain ReadResult#truncated() truncated}.</li>
 *   <li>Ids are unique among retained entries and indexed: {@link #positionOf} finds a retained entry by
 *       the id its update carries (the publisher's or the generated one). Appending an update whose id is
 *       still retained appends nothing and answers the retained entry as a
 *       {@linkplain AppendResult#duplicate() duplicate}, so a publisher that retries after a timeout is
 *       acknowledged without subscribers seeing the update twice. Once the entry is trimmed, the id may be
 *       used again.</li>
 *   <li>Thread-safe. Methods may block on I/O; the hub never calls them from an I/O thread in a way that
 *       would stall other connections for long.</li>
 *   <li>A failure to append is thrown as {@link LogUnavailableException}; the update was then not
 *       accepted and must not be delivered.</li>
 * </ul>
 */
public interface EventLog extends AutoCloseable {

    /**
     * Appends {@code update} (whose id is set) and returns its entry with the assigned position, or, when an
     * entry with the same id is retained, that entry marked as a duplicate.
     *
     * @throws LogUnavailableException when the log cannot be written; nothing was appended then
     */
    AppendResult append(Update update);

    /** Up to {@code max} entries with a position greater than {@code position}, in log order. */
    ReadResult readAfter(long position, int max);

    /** The position of the newest retained entry whose id is {@code id}, or empty if none is retained. */
    OptionalLong positionOf(String id);

    /** The position of the newest entry, or 0 when the log is empty. */
    long headPosition();

    /** Releases the log's resources; appends afterwards fail. */
    @Override
    void close();
}

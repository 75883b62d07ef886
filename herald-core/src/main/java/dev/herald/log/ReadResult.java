package dev.herald.log;

import java.util.List;

/**
 * A page of the log read after a position.
 *
 * @param entries the entries after the position, in log order, at most as many as asked for
 * @param truncated true when entries right after the position were already trimmed from the log, so the
 *     reader missed some: the first entry returned is the oldest retained one
 */
public record ReadResult(List<LogEntry> entries, boolean truncated) {
    public ReadResult {
        entries = List.copyOf(entries);
    }
}

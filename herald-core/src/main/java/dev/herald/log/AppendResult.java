package dev.herald.log;

/**
 * What an {@link EventLog#append} did: the entry now holding the update's id, and whether that entry was
 * already there (a repeated publish, acknowledged without appending or delivering anything).
 *
 * @param entry the appended entry, or the retained entry with the same id when {@code duplicate}
 * @param duplicate true when an entry with the update's id was retained, so nothing was appended
 */
public record AppendResult(LogEntry entry, boolean duplicate) {

    public AppendResult {
        if (entry == null) {
            throw new IllegalArgumentException("an append result has an entry");
        }
    }

    /** A fresh append of {@code entry}. */
    public static AppendResult appended(LogEntry entry) {
        return new AppendResult(entry, false);
    }

    /** A repeat of the retained {@code entry}. */
    public static AppendResult duplicateOf(LogEntry entry) {
        return new AppendResult(entry, true);
    }
}

package dev.herald.file;

import dev.herald.file.internal.UpdateCodec;
import dev.herald.hub.Update;
import dev.herald.log.AppendResult;
import dev.herald.log.EventLog;
import dev.herald.log.LogEntry;
import dev.herald.log.LogUnavailableException;
import dev.herald.log.ReadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The benchmark's losing contender, kept to rerun the comparison: an {@link EventLog} in one file, on H2's MVStore, for a single node whose history must survive restarts.
 * Positions continue from 1 across restarts; bounded by entry count and encoded bytes like the memory log.
 *
 * <p>Each append is committed to the file before it returns (a crashed process loses no accepted update;
 * the OS still decides when the file reaches the disk). Thread-safe: one monitor guards appends and trims;
 * reads use MVStore's snapshots. Appends are disk writes: callers keep them off event loops.
 */
final class MvStoreEventLog implements EventLog {

    /** The file name inside the log directory. */
    public static final String FILE_NAME = "herald-log.mv.db";

    private final MVStore store;
    private final MVMap<Long, byte[]> entries;
    private final MVMap<String, Long> ids;
    private final MVMap<String, Long> meta;
    private final int maxEntries;
    private final long maxBytes;
    private long bytes;
    private volatile boolean closed;

    private MvStoreEventLog(MVStore store, int maxEntries, long maxBytes) {
        this.store = store;
        this.entries = store.openMap("entries");
        this.ids = store.openMap("ids");
        this.meta = store.openMap("meta");
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        for (byte[] value : entries.values()) {
            bytes += value.length;
        }
    }

    /**
     * Opens (or creates) the log in {@code dir}, keeping at most {@code maxEntries} entries and
     * {@code maxBytes} encoded bytes.
     *
     * @throws LogUnavailableException when the directory or file cannot be used (say which and why)
     */
    static MvStoreEventLog open(Path dir, int maxEntries, long maxBytes) {
        if (maxEntries < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("history bounds must be >= 1, got " + maxEntries + " entries and " + maxBytes + " bytes");
        }
        try {
            Files.createDirectories(dir);
            MVStore store = new MVStore.Builder().fileName(dir.resolve(FILE_NAME).toString()).autoCommitDisabled().open();
            return new MvStoreEventLog(store, maxEntries, maxBytes);
        } catch (IOException | MVStoreException e) {
            throw new LogUnavailableException("cannot open the log in " + dir + " (--log-dir): " + e.getMessage()
                    + "; is another Herald using it, or is it not writable?", e);
        }
    }

    @Override
    public synchronized AppendResult append(Update update) {
        if (closed) {
            throw new LogUnavailableException("the event log is closed (the hub is shutting down); publish again later");
        }
        Long retained = ids.get(update.id());
        if (retained != null) {
            return AppendResult.duplicateOf(entryAt(retained, entries.get(retained)));
        }
        long position = nextPosition();
        byte[] value = UpdateCodec.encode(update);
        try {
            entries.put(position, value);
            ids.put(update.id(), position);
            bytes += value.length;
            trim();
            store.commit();
        } catch (MVStoreException e) {
            store.rollback();
            throw new LogUnavailableException("cannot write the log file (" + e.getMessage() + "); the update was not accepted", e);
        }
        return AppendResult.appended(LogEntry.of(position, update));
    }

    @Override
    public ReadResult readAfter(long position, int max) {
        List<LogEntry> page = new ArrayList<>(Math.min(max, 256));
        Cursor<Long, byte[]> cursor = entries.cursor(position + 1);
        while (page.size() < max && cursor.hasNext()) {
            Long key = cursor.next();
            page.add(entryAt(key, cursor.getValue()));
        }
        // Watermark after the entries: a trim racing this read can then only report a gap it did not have, never hide one.
        Long trimmed = meta.get("trimmed");
        return new ReadResult(page, trimmed != null && position < trimmed);
    }

    @Override
    public OptionalLong positionOf(String id) {
        Long position = ids.get(id);
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }

    @Override
    public long headPosition() {
        Long last = entries.lastKey();
        return last == null ? 0 : last;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            store.close();
        }
    }

    /** Positions continue after the newest entry, or after the newest trimmed one when all were trimmed. */
    private long nextPosition() {
        Long last = entries.lastKey();
        if (last != null) {
            return last + 1;
        }
        Long trimmed = meta.get("trimmed");
        return trimmed == null ? 1 : trimmed + 1;
    }

    private void trim() {
        while (entries.size() > maxEntries || (entries.size() > 1 && bytes > maxBytes)) {
            Long oldest = entries.firstKey();
            byte[] value = entries.remove(oldest);
            bytes -= value.length;
            ids.remove(UpdateCodec.decode(value).id(), oldest);
            meta.put("trimmed", oldest);
        }
    }

    private static LogEntry entryAt(long position, byte[] value) {
        return LogEntry.of(position, UpdateCodec.decode(value));
    }
}

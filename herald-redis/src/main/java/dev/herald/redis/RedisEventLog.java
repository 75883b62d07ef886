package dev.herald.redis;

import dev.herald.hub.Update;
import dev.herald.log.AppendResult;
import dev.herald.log.EventLog;
import dev.herald.log.LogEntry;
import dev.herald.log.LogUnavailableException;
import dev.herald.log.ReadResult;
import dev.herald.redis.internal.EntryCodec;
import dev.herald.redis.internal.LuaScript;
import dev.herald.redis.internal.RedisConnector;
import dev.herald.redis.internal.RedisKeys;
import dev.herald.redis.internal.SharedState;
import dev.herald.redis.internal.StreamIds;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import dev.herald.redis.internal.SharedConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * An {@link EventLog} on one Redis Stream shared by every node: appends run one Lua script that assigns the
 * stream id, writes the id index and trims both, atomically. Positions are the stream ids encoded as
 * {@code ms * 2^20 + seq}, so any node maps a position to its entry without a lookup.
 *
 * <p>Every method is network I/O: call it from a worker or replay thread, never from an event loop. A Redis
 * failure is thrown as {@link LogUnavailableException}. Thread-safe: one multiplexed connection.
 */
public final class RedisEventLog implements EventLog {

    /**
     * When Redis appended the entry at {@code position}, in milliseconds since the epoch by Redis's clock (the
     * stream id's time part), so a node can measure how far behind the stream its delivery runs.
     */
    public static long appendedAtMillis(long position) {
        return dev.herald.redis.internal.StreamIds.millis(position);
    }

    private static final LuaScript APPEND = LuaScript.load("append.lua");
    private static final LuaScript READ = LuaScript.load("read.lua");

    private final RedisOptions options;
    private final RedisKeys keys;
    private final SharedState state;
    private final SharedConnection connection;
    private final RedisCommands<String, String> redis;
    private volatile boolean closed;

    RedisEventLog(RedisOptions options, RedisKeys keys, SharedState state, RedisConnector connector) {
        this.options = options;
        this.keys = keys;
        this.state = state;
        try {
            this.connection = connector.connect(options.commandTimeout());
        } catch (RedisException e) {
            throw RedisStream.unavailable(options, "opening the event log", e);
        }
        this.redis = connection.sync();
    }

    @Override
    public AppendResult append(Update update) {
        if (update.id() == null) {
            throw new IllegalArgumentException("an appended update has an id; the hub sets one");
        }
        requireOpen();
        long floor = state.highest();
        List<String> args = new ArrayList<>(20);
        args.add(update.id());
        args.add(Long.toString(StreamIds.millis(floor)));
        args.add(Long.toString(StreamIds.sequence(floor)));
        args.add(Long.toString(options.maxLength()));
        args.add(Long.toString(options.maxAge().toMillis()));
        args.add(UUID.randomUUID().toString());
        args.addAll(EntryCodec.fields(update));
        List<Object> reply;
        try {
            reply = APPEND.run(redis, new String[] {keys.stream(), keys.meta(), keys.ids()}, args.toArray(String[]::new));
        } catch (RedisException e) {
            throw RedisStream.unavailable(options, "appending an update (it was not accepted)", e);
        }
        state.observeEpoch((String) reply.get(0));
        long position = StreamIds.position((String) reply.get(1));
        state.saw(position);
        if ((Long) reply.get(2) == 1L) {
            return AppendResult.duplicateOf(LogEntry.of(position, EntryCodec.fromPairs((List<?>) reply.get(3))));
        }
        return AppendResult.appended(LogEntry.of(position, update));
    }

    @Override
    public ReadResult readAfter(long position, int max) {
        requireOpen();
        List<Object> reply;
        try {
            reply = READ.run(redis, new String[] {keys.stream(), keys.meta()}, StreamIds.after(position), Integer.toString(max));
        } catch (RedisException e) {
            throw RedisStream.unavailable(options, "reading history", e);
        }
        state.observeEpoch((String) reply.get(0));
        String trimmed = (String) reply.get(1);
        boolean truncated = !trimmed.isEmpty() && position < StreamIds.position(trimmed);
        List<LogEntry> entries = new ArrayList<>();
        for (Object raw : (List<?>) reply.get(2)) {
            List<?> message = (List<?>) raw;
            long at = StreamIds.position((String) message.get(0));
            entries.add(LogEntry.of(at, EntryCodec.fromPairs((List<?>) message.get(1))));
        }
        return new ReadResult(entries, truncated);
    }

    @Override
    public OptionalLong positionOf(String id) {
        requireOpen();
        String streamId;
        try {
            streamId = redis.hget(keys.ids(), id);
        } catch (RedisException e) {
            throw RedisStream.unavailable(options, "looking up Last-Event-ID", e);
        }
        return streamId == null ? OptionalLong.empty() : OptionalLong.of(StreamIds.position(streamId));
    }

    @Override
    public long headPosition() {
        requireOpen();
        List<KeyValue<String, String>> last;
        try {
            last = redis.hmget(keys.meta(), "ms", "seq", "epoch");
        } catch (RedisException e) {
            throw RedisStream.unavailable(options, "reading the stream's head", e);
        }
        state.observeEpoch(last.get(2).getValueOrElse(null));
        if (!last.get(0).hasValue()) {
            return 0;
        }
        long position = StreamIds.position(last.get(0).getValue() + "-" + last.get(1).getValueOrElse("0"));
        state.saw(position);
        return position;
    }

    @Override
    public void close() {
        closed = true;
        connection.close();
    }

    private void requireOpen() {
        if (closed) {
            throw new LogUnavailableException("the event log is closed (the hub is shutting down); publish again later");
        }
    }
}

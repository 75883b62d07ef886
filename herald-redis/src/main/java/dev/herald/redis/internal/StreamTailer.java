package dev.herald.redis.internal;

import dev.herald.log.LogEntry;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.Consumer;

/**
 * The loop that follows the Herald stream with {@code XREAD BLOCK} from the last id it delivered and hands
 * each entry to the listener, in stream order, on its own thread.
 *
 * <p>Exactly once across Redis outages: the position advances only after an entry was handed over, and a
 * read always starts after it, so after a reconnect nothing is skipped and nothing repeats. When the
 * stream's epoch changed (it was lost and recreated) the read restarts from the new stream's beginning,
 * still delivering only positions above the last one delivered.
 */
public final class StreamTailer implements Runnable {

    private static final System.Logger LOG = System.getLogger(StreamTailer.class.getName());
    /** How long one XREAD waits for new entries; also how soon a close is noticed. */
    static final long BLOCK_MILLIS = 1000;
    /** Entries taken per read: bounds the memory of one batch for a node that fell far behind. */
    static final int BATCH = 512;

    private final StatefulRedisConnection<String, String> connection;
    private final RedisKeys keys;
    private final SharedState state;
    private final Consumer<LogEntry> listener;
    private final Backoff backoff = new Backoff(50, 2000);
    private volatile boolean running = true;
    private long delivered;
    private String readFrom;
    private boolean checkEpoch = true;

    /** A tailer delivering every entry after {@code afterPosition} to {@code listener}. */
    public StreamTailer(StatefulRedisConnection<String, String> connection, RedisKeys keys, SharedState state,
                        long afterPosition, Consumer<LogEntry> listener) {
        this.connection = connection;
        this.keys = keys;
        this.state = state;
        this.listener = listener;
        this.delivered = afterPosition;
        this.readFrom = afterPosition <= 0 ? "0-0" : StreamIds.id(afterPosition);
    }

    @Override
    public void run() {
        RedisCommands<String, String> redis = connection.sync();
        while (running) {
            try {
                if (checkEpoch) {
                    followEpoch(redis);
                }
                List<StreamMessage<String, String>> batch = redis.xread(
                        XReadArgs.Builder.block(BLOCK_MILLIS).count(BATCH), XReadArgs.StreamOffset.from(keys.stream(), readFrom));
                backoff.reset();
                if (batch != null) {
                    batch.forEach(this::deliver);
                }
            } catch (RedisException e) {
                if (!running) {
                    return;
                }
                checkEpoch = true;
                LOG.log(Level.WARNING, "lost the Herald stream in Redis (" + e.getMessage() + "); retrying from "
                        + readFrom + " with backoff");
                pause(backoff.nextDelayMillis());
            }
        }
    }

    /** Stops the loop; the blocked read ends within {@link #BLOCK_MILLIS} or when the connection closes. */
    public void stop() {
        running = false;
    }

    private void followEpoch(RedisCommands<String, String> redis) {
        if (state.observeEpoch(redis.hget(keys.meta(), "epoch"))) {
            readFrom = "0-0";
        }
        checkEpoch = false;
    }

    private void deliver(StreamMessage<String, String> message) {
        readFrom = message.getId();
        try {
            long position = StreamIds.position(message.getId());
            if (position <= delivered) {
                return;
            }
            delivered = position;
            state.saw(position);
            listener.accept(LogEntry.of(position, EntryCodec.fromMap(message.getBody())));
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            // A foreign entry or a listener failure must not stop delivery to everyone else.
            Thread.currentThread().getUncaughtExceptionHandler().uncaughtException(Thread.currentThread(), e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

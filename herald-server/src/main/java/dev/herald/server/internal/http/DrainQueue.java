package dev.herald.server.internal.http;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The connections of one event loop that have bytes waiting, drained by one task. Fan-out makes a thousand
 * connections ready for one update; scheduling one event-loop task per connection costs a task, a queue
 * hand-off and often a wake-up each, while this schedules one task per loop and update, which then writes to
 * every ready connection of that loop.
 *
 * <p>Threads: {@link #add} from any thread; the drain runs on the queue's context only.
 */
final class DrainQueue {

    private static final String KEY = DrainQueue.class.getName();

    private final Context context;
    private final ConcurrentLinkedQueue<SseConnection> ready = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** The events one stream's write takes, reused by every stream of the loop: a batch is written and cleared before the next. */
    private final List<byte[]> batch = new ArrayList<>();

    private DrainQueue(Context context) {
        this.context = context;
    }

    /**
     * The queue of {@code context}'s event loop, created on first use; call on that context. Request contexts
     * are duplicates sharing their event loop context's data, so all connections of one loop share one queue.
     */
    static DrainQueue of(Context context) {
        DrainQueue queue = context.get(KEY);
        if (queue == null) {
            queue = new DrainQueue(context);
            context.put(KEY, queue);
        }
        return queue;
    }

    /** The loop's batch list, empty; on the event loop only, and cleared by the user before the next one takes it. */
    List<byte[]> batch() {
        return batch;
    }

    /** Queues {@code connection} for a drain on the event loop; the caller ensures it is queued at most once at a time. */
    void add(SseConnection connection) {
        ready.add(connection);
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drainAll());
        }
    }

    private void drainAll() {
        // Cleared first: a connection added while this runs either is seen below or schedules the next run.
        scheduled.set(false);
        for (SseConnection connection = ready.poll(); connection != null; connection = ready.poll()) {
            connection.drain();
        }
    }
}

package dev.herald.broker;

import dev.herald.log.LogEntry;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The single-node {@link Broker}: a bounded queue and one dispatch thread, so publishers return as soon
 * as their update is logged and fan-out runs beside them, in log order.
 */
public final class LocalBroker implements Broker {

    /** Entries that may wait for dispatch when none is configured. */
    public static final int DEFAULT_CAPACITY = 65_536;

    // Bounded so that a fan-out slower than publishing pushes back on publishers instead of growing the heap.
    private final BlockingQueue<LogEntry> queue;
    private volatile Thread thread;
    private volatile boolean running;

    /** A broker with the default queue capacity. */
    public LocalBroker() {
        this(DEFAULT_CAPACITY);
    }

    /** A broker whose queue holds at most {@code capacity} entries waiting for dispatch. */
    public LocalBroker(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    @Override
    public synchronized void start(Consumer<LogEntry> listener) {
        if (thread != null) {
            throw new IllegalStateException("the broker was already started");
        }
        running = true;
        thread = new Thread(() -> dispatchLoop(listener), "herald-dispatch");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void publish(LogEntry entry) {
        try {
            queue.put(entry);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing an update to the dispatcher", e);
        }
    }

    @Override
    public int backlog() {
        return queue.size();
    }

    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    private void dispatchLoop(Consumer<LogEntry> listener) {
        while (running) {
            LogEntry entry;
            try {
                entry = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (entry != null) {
                try {
                    listener.accept(entry);
                } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
                    // A listener failure must not stop delivery to everyone else; only a failing VM (out of
                    // memory and the like) may end the dispatch thread.
                    Thread.UncaughtExceptionHandler handler = Thread.currentThread().getUncaughtExceptionHandler();
                    handler.uncaughtException(Thread.currentThread(), e);
                }
            }
        }
    }
}

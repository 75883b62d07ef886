package dev.herald.broker;

import dev.herald.log.LogEntry;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The single-node {@link Broker}: a bounded queue, delivered in log order one entry at a time. A publisher
 * that finds no delivery in progress delivers the entry at the queue's head itself ({@link #deliverOnPublisher});
 * what waits behind a delivery in progress goes to a dispatch thread of the broker's own, so no publisher
 * ever waits for another's fan-out.
 *
 * <p>Why the publisher delivers: handing every update to a sleeping thread costs a wake-up (a futex call and
 * a context switch, ~44 µs of the publishing event loop on a VM) and then a second one back to the event loop
 * that writes; at 2,000 publishes/s that hand-off tripled the p99 (docs/performance.md).
 */
public final class LocalBroker implements Broker {

    /** Entries that may wait for dispatch when none is configured. */
    public static final int DEFAULT_CAPACITY = 65_536;

    // Bounded so that a fan-out slower than publishing pushes back on publishers instead of growing the heap.
    private final BlockingQueue<LogEntry> queue;
    /** Held by whichever thread delivers, a publisher or the dispatch thread, so deliveries never overlap. */
    private final AtomicBoolean delivering = new AtomicBoolean();
    private volatile Consumer<LogEntry> listener;
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
        this.listener = listener;
        running = true;
        thread = new Thread(this::dispatchLoop, "herald-dispatch");
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

    /**
     * Delivers the entry at the queue's head on this thread when no delivery is in progress; otherwise
     * returns at once, since whoever delivers looks at the queue again once done. Entries offered meanwhile
     * go to the dispatch thread, so a publisher delivers at most one.
     */
    @Override
    public void deliverOnPublisher() {
        if (running && deliverWaiting(1) && !queue.isEmpty()) {
            LockSupport.unpark(thread);
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

    private void dispatchLoop() {
        while (running) {
            if (!queue.isEmpty() && deliverWaiting(Integer.MAX_VALUE)) {
                continue; // an entry offered while this thread delivered found the flag taken: look again
            }
            // Empty, or a publisher is delivering and will wake this thread if more waits when it is done.
            // The timeout also picks up entries of a caller that never calls deliverOnPublisher; close()
            // interrupts the park.
            LockSupport.parkNanos(this, TimeUnit.SECONDS.toNanos(1));
            if (Thread.interrupted() && !running) {
                return;
            }
        }
    }

    /**
     * Takes the delivering flag and delivers up to {@code max} waiting entries in queue order, while running;
     * returns false, having done nothing, when another thread holds the flag.
     */
    private boolean deliverWaiting(int max) {
        if (!delivering.compareAndSet(false, true)) {
            return false;
        }
        try {
            LogEntry entry;
            for (int n = 0; n < max && running && (entry = queue.poll()) != null; n++) {
                deliver(entry);
            }
        } finally {
            delivering.set(false);
        }
        return true;
    }

    private void deliver(LogEntry entry) {
        try {
            listener.accept(entry);
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            // A listener failure must not stop delivery to everyone else; only a failing VM (out of memory
            // and the like) may end delivery.
            Thread.UncaughtExceptionHandler handler = Thread.currentThread().getUncaughtExceptionHandler();
            handler.uncaughtException(Thread.currentThread(), e);
        }
    }
}

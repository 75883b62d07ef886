package dev.herald.client.internal;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded queue between one producer (the source's thread) and one consumer, which the producer can
 * {@link #finish} (no more items; the consumer drains what is left) and the consumer can {@link #close}
 * (drop everything and release a blocked producer). The bound is what keeps a slow consumer from growing
 * the heap: a full queue blocks the producer, which stops reading the connection.
 *
 * <p>One lock guards the deque and the flags; it is held only for queue operations, never across I/O or a
 * callback.
 */
final class BoundedHandoff<T> {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final int capacity;
    private boolean finished;
    private boolean closed;

    BoundedHandoff(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds {@code item}, waiting while full; false (item dropped) once the consumer closed. */
    boolean put(T item) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (items.size() >= capacity && !closed) {
                notFull.await();
            }
            if (closed) {
                return false;
            }
            items.add(item);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The next item, waiting at most {@code nanos}; null on timeout, or when finished and drained, or closed. */
    T poll(long nanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long left = nanos;
            while (items.isEmpty() && !finished && !closed) {
                if (left <= 0) {
                    return null;
                }
                left = notEmpty.awaitNanos(left);
            }
            T item = items.poll();
            if (item != null) {
                notFull.signal();
            }
            return item;
        } finally {
            lock.unlock();
        }
    }

    /** The producer is done: the consumer drains what is left, then sees the end. */
    void finish() {
        lock.lock();
        try {
            finished = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The consumer is gone: drop the items and release a producer waiting for room. */
    void close() {
        lock.lock();
        try {
            closed = true;
            items.clear();
            notFull.signalAll();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** True once finished (or closed) with nothing left to take. */
    boolean isDrained() {
        lock.lock();
        try {
            return (finished || closed) && items.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** The next item, waiting as long as it takes; null only when finished and drained, or closed. */
    T take() throws InterruptedException {
        return poll(Long.MAX_VALUE);
    }
}

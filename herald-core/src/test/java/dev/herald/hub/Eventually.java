package dev.herald.hub;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A deadline wait for tests: polls a condition until it holds or the deadline passes, then fails saying
 * what did not happen. Never a fixed sleep: a fast machine returns at once, a slow one gets the whole deadline.
 */
public final class Eventually {

    /** The deadline unless a test has a reason for another: generous, since a pass returns at once. */
    public static final Duration DEFAULT = Duration.ofSeconds(10);

    private static final long PAUSE_NANOS = Duration.ofMillis(1).toNanos();

    private Eventually() {
    }

    /** Returns once {@code condition} holds; fails naming {@code what} after the default deadline. */
    public static void until(String what, BooleanSupplier condition) {
        until(DEFAULT, condition, () -> what);
    }

    /** Returns once {@code condition} holds; fails with {@code what}, evaluated then to show the state, after the deadline. */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what.get());
            }
            LockSupport.parkNanos(PAUSE_NANOS);
            if (Thread.interrupted()) {
                throw new AssertionError("interrupted while waiting for: " + what.get());
            }
        }
    }
}

package dev.herald.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, never for luck: fails with a message saying what did not happen. */
public final class Await {

    /** The deadline tests use unless they have a reason for another. */
    public static final Duration DEFAULT = Duration.ofSeconds(10);

    private Await() {
    }

    /** Returns once {@code condition} holds, or throws {@link AssertionError} naming {@code what} after {@code timeout}. */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMillis = 1;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + what.get());
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what.get(), e);
            }
            pauseMillis = Math.min(pauseMillis * 2, 20);
        }
    }

    /** {@link #until(Duration, BooleanSupplier, Supplier)} with the default deadline. */
    public static void until(BooleanSupplier condition, String what) {
        until(DEFAULT, condition, () -> what);
    }
}

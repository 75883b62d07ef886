package dev.herald.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter and a cap. Attempt {@code n} (from 0) waits
 * {@code min(cap, base × multiplier^n)}, less a random share of up to {@code jitter} of it, so that many
 * clients cut off together do not come back together. The first attempt waits the base itself (jittered),
 * so a server's {@code retry:} is honoured; the cap never shortens a larger {@code retry:}.
 *
 * <p>Immutable and thread-safe; each {@link #next} returns the strategy for the following attempt.
 */
public final class ExponentialBackoff implements BackoffStrategy {

    /** The longest wait by default, unless the server's {@code retry:} asks for longer. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);
    /** The growth factor per failed attempt by default. */
    public static final double DEFAULT_MULTIPLIER = 2.0;
    /** The largest share of a delay that jitter removes, by default. */
    public static final double DEFAULT_JITTER = 0.5;
    /**
     * Growth starts from at least this, so that a server answering {@code retry: 0} and then failing
     * cannot make clients reconnect in a tight loop.
     */
    static final Duration MIN_GROWTH_BASE = Duration.ofMillis(100);

    private static final ExponentialBackoff DEFAULTS =
            new ExponentialBackoff(DEFAULT_MULTIPLIER, DEFAULT_MAX_DELAY, DEFAULT_JITTER, 0, null);

    private final double multiplier;
    private final Duration maxDelay;
    private final double jitter;
    private final int attempt;
    /** Null means ThreadLocalRandom, looked up on the calling thread. */
    private final RandomGenerator random;

    private ExponentialBackoff(double multiplier, Duration maxDelay, double jitter, int attempt,
            RandomGenerator random) {
        this.multiplier = multiplier;
        this.maxDelay = maxDelay;
        this.jitter = jitter;
        this.attempt = attempt;
        this.random = random;
    }

    /** Multiplier {@value #DEFAULT_MULTIPLIER}, cap 30 s, jitter {@value #DEFAULT_JITTER}, first attempt. */
    public static ExponentialBackoff defaults() {
        return DEFAULTS;
    }

    /** This strategy with growth factor {@code multiplier}, which must be at least 1. */
    public ExponentialBackoff withMultiplier(double multiplier) {
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("multiplier must be >= 1, got " + multiplier);
        }
        return new ExponentialBackoff(multiplier, maxDelay, jitter, attempt, random);
    }

    /** This strategy with the cap {@code maxDelay}, which must be positive. */
    public ExponentialBackoff withMaxDelay(Duration maxDelay) {
        if (maxDelay.isNegative() || maxDelay.isZero()) {
            throw new IllegalArgumentException("maxDelay must be > 0, got " + maxDelay);
        }
        return new ExponentialBackoff(multiplier, maxDelay, jitter, attempt, random);
    }

    /** This strategy removing up to {@code jitter} (0 = none, 1 = all) of each delay at random. */
    public ExponentialBackoff withJitter(double jitter) {
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be within [0, 1], got " + jitter);
        }
        return new ExponentialBackoff(multiplier, maxDelay, jitter, attempt, random);
    }

    /** This strategy drawing its jitter from {@code random} (for reproducible tests). */
    public ExponentialBackoff withRandom(RandomGenerator random) {
        return new ExponentialBackoff(multiplier, maxDelay, jitter, attempt, random);
    }

    /** How many delays this strategy's predecessors have answered: 0 for a fresh strategy. */
    public int attempt() {
        return attempt;
    }

    @Override
    public Step next(Duration baseDelay) {
        long base = baseDelay.toMillis();
        long cap = Math.max(maxDelay.toMillis(), base);
        double grown = attempt == 0
                ? base
                : Math.max(base, MIN_GROWTH_BASE.toMillis()) * Math.pow(multiplier, Math.min(attempt, 64));
        long raw = (long) Math.min(cap, grown);
        double draw = (random != null ? random : ThreadLocalRandom.current()).nextDouble();
        long delay = raw - (long) (raw * jitter * draw);
        ExponentialBackoff following = new ExponentialBackoff(multiplier, maxDelay, jitter,
                attempt == Integer.MAX_VALUE ? attempt : attempt + 1, random);
        return new Step(Duration.ofMillis(delay), following);
    }

    @Override
    public String toString() {
        return "ExponentialBackoff[multiplier=" + multiplier + ", maxDelay=" + maxDelay + ", jitter=" + jitter
                + ", attempt=" + attempt + "]";
    }
}

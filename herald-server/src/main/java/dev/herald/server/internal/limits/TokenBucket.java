package dev.herald.server.internal.limits;

/** A token bucket: {@code rate} tokens a second up to {@code capacity}; one token per publish. */
final class TokenBucket {

    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long updatedNanos;

    TokenBucket(double ratePerSecond, double capacity, long nowNanos) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.capacity = capacity;
        this.tokens = capacity;
        this.updatedNanos = nowNanos;
    }

    /** Takes one token; returns 0 when it could, else the seconds until one is available (at least 1). */
    synchronized long take(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / ratePerNano / 1e9));
    }

    /** True when the bucket has refilled completely: dropping it then loses nothing. */
    synchronized boolean full(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    private void refill(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - updatedNanos) * ratePerNano);
        updatedNanos = nowNanos;
    }
}

package dev.herald.client.internal;

import dev.herald.client.BackoffStrategy;
import java.time.Duration;

/** Waits exactly the reconnection time every time, as a browser does. Stateless, hence a singleton. */
public final class ConstantBackoff implements BackoffStrategy {

    /** The only instance. */
    public static final ConstantBackoff INSTANCE = new ConstantBackoff();

    private ConstantBackoff() {
    }

    @Override
    public Step next(Duration baseDelay) {
        return new Step(baseDelay, this);
    }

    @Override
    public String toString() {
        return "ConstantBackoff";
    }
}

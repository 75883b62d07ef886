package dev.herald.client.internal;

import dev.herald.client.ConnectionLostException;
import dev.herald.client.ErrorStrategy;
import dev.herald.client.EventSourceException;

/** The WHATWG rule: retry lost connections, stop on any HTTP-level refusal. Stateless, hence a singleton. */
public final class SpecErrorStrategy implements ErrorStrategy {

    /** The only instance. */
    public static final SpecErrorStrategy INSTANCE = new SpecErrorStrategy();

    private SpecErrorStrategy() {
    }

    @Override
    public Decision decide(EventSourceException failure) {
        return new Decision(failure instanceof ConnectionLostException, this);
    }

    @Override
    public String toString() {
        return "SpecErrorStrategy";
    }
}

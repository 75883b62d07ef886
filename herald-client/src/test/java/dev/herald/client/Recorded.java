package dev.herald.client;

import dev.herald.testkit.ClientRecorder;

/** Wires every callback of a builder into a {@link ClientRecorder}. */
final class Recorded {

    private Recorded() {
    }

    /** {@code builder} reporting opens, events, errors and the close to {@code recorder}. */
    static EventSourceBuilder into(ClientRecorder recorder, EventSourceBuilder builder) {
        return builder.onOpen(recorder::record)
                .onEvent(recorder::record)
                .onError(recorder::record)
                .onClosed(recorder::record);
    }
}

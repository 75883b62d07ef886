package dev.herald.client.internal;

import dev.herald.client.CloseReason;
import dev.herald.client.ErrorEvent;
import dev.herald.client.OpenEvent;
import dev.herald.sse.MessageEvent;
import java.util.List;

/**
 * What an event source tells the outside world; called only on the source's own thread, in order, with
 * {@link #onClosed} exactly once and last. Implementations must not throw.
 */
public interface SourceHandler {

    /** A connection opened. */
    void onOpen(OpenEvent open);

    /** An event was dispatched. */
    void onEvent(MessageEvent event);

    /** A comment line arrived (heartbeats are comments). */
    void onComment(String comment);

    /** A connection failed or ended. */
    void onError(ErrorEvent error);

    /** The source closed for good. */
    void onClosed(CloseReason reason);

    /** One handler calling each of {@code handlers} in order. */
    static SourceHandler all(List<SourceHandler> handlers) {
        List<SourceHandler> copy = List.copyOf(handlers);
        return new SourceHandler() {
            @Override
            public void onOpen(OpenEvent open) {
                copy.forEach(h -> h.onOpen(open));
            }

            @Override
            public void onEvent(MessageEvent event) {
                copy.forEach(h -> h.onEvent(event));
            }

            @Override
            public void onComment(String comment) {
                copy.forEach(h -> h.onComment(comment));
            }

            @Override
            public void onError(ErrorEvent error) {
                copy.forEach(h -> h.onError(error));
            }

            @Override
            public void onClosed(CloseReason reason) {
                copy.forEach(h -> h.onClosed(reason));
            }
        };
    }
}

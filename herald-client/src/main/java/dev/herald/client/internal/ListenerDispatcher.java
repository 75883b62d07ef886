package dev.herald.client.internal;

import dev.herald.client.CloseReason;
import dev.herald.client.ErrorEvent;
import dev.herald.client.OpenEvent;
import dev.herald.sse.MessageEvent;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Calls the listeners registered on the builder: per-type event listeners first, then catch-all ones,
 * each in registration order. A listener that throws is logged and skipped; it never breaks the connection
 * or keeps later listeners from their call.
 */
public final class ListenerDispatcher implements SourceHandler {

    private static final System.Logger LOG = System.getLogger(ListenerDispatcher.class.getName());

    private final List<Consumer<OpenEvent>> open;
    private final Map<String, List<Consumer<MessageEvent>>> byType;
    private final List<Consumer<MessageEvent>> anyEvent;
    private final List<Consumer<String>> comment;
    private final List<Consumer<ErrorEvent>> error;
    private final List<Consumer<CloseReason>> closed;

    /** A dispatcher over copies of the given listener lists. */
    public ListenerDispatcher(List<Consumer<OpenEvent>> open, Map<String, List<Consumer<MessageEvent>>> byType,
            List<Consumer<MessageEvent>> anyEvent, List<Consumer<String>> comment, List<Consumer<ErrorEvent>> error,
            List<Consumer<CloseReason>> closed) {
        this.open = List.copyOf(open);
        this.byType = Map.copyOf(byType);
        this.anyEvent = List.copyOf(anyEvent);
        this.comment = List.copyOf(comment);
        this.error = List.copyOf(error);
        this.closed = List.copyOf(closed);
    }

    @Override
    public void onOpen(OpenEvent event) {
        callAll(open, event, "onOpen");
    }

    @Override
    public void onEvent(MessageEvent event) {
        callAll(byType.getOrDefault(event.type(), List.of()), event, "on(\"" + event.type() + "\")");
        callAll(anyEvent, event, "onEvent");
    }

    @Override
    public void onComment(String text) {
        callAll(comment, text, "onComment");
    }

    @Override
    public void onError(ErrorEvent event) {
        callAll(error, event, "onError");
    }

    @Override
    public void onClosed(CloseReason reason) {
        callAll(closed, reason, "onClosed");
    }

    private static <T> void callAll(List<Consumer<T>> listeners, T value, String what) {
        for (Consumer<T> listener : listeners) {
            try {
                listener.accept(value);
            } catch (RuntimeException e) {
                // A listener's bug must not cost the stream: log it loudly and go on with the next one.
                LOG.log(System.Logger.Level.WARNING, "an EventSource " + what + " listener threw; ignored", e);
            }
        }
    }
}

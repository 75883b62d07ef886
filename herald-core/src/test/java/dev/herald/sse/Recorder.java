package dev.herald.sse;

import java.util.ArrayList;
import java.util.List;

/** Records every parser callback, in order, so a test can compare the whole sequence at once. */
final class Recorder implements SseListener {

    /** A recorded {@link SseListener#onRetry} call. */
    record Retry(long millis) {
    }

    /** A recorded {@link SseListener#onComment} call. */
    record Comment(String text) {
    }

    final List<Object> calls = new ArrayList<>();

    @Override
    public void onEvent(MessageEvent event) {
        calls.add(event);
    }

    @Override
    public void onRetry(long millis) {
        calls.add(new Retry(millis));
    }

    @Override
    public void onComment(String comment) {
        calls.add(new Comment(comment));
    }

    /** Only the dispatched events, for tests that do not care about comments and retries. */
    List<MessageEvent> events() {
        return calls.stream().filter(MessageEvent.class::isInstance).map(MessageEvent.class::cast).toList();
    }

    static MessageEvent message(String data) {
        return new MessageEvent("message", data, "");
    }
}

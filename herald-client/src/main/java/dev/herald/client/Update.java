package dev.herald.client;

import dev.herald.sse.SseEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One update to publish to a Mercure hub. The constructor enforces the hub's rules, so an update that the
 * hub would refuse for its shape cannot be built: at least one topic, no blank topic, and {@code id} and
 * {@code type} that cannot inject SSE fields (no CR or LF; no NUL in the id).
 *
 * @param topics the topics (URIs or plain strings) the update goes to; at least one
 * @param data the payload, may span lines; empty for an update without data
 * @param id the id to give the update, or null to let the hub choose one
 * @param type the SSE event type, or null for the default {@code message}
 * @param retry the reconnection time to send to subscribers, or null for none
 * @param privateUpdate true to deliver only to subscribers authorized for one of the topics
 */
public record Update(List<String> topics, String data, String id, String type, Duration retry, boolean privateUpdate) {

    public Update {
        topics = List.copyOf(Objects.requireNonNull(topics, "topics"));
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("topics must name at least one topic");
        }
        for (String topic : topics) {
            if (topic.isBlank()) {
                throw new IllegalArgumentException("topics must not contain a blank topic, got " + topics);
            }
        }
        Objects.requireNonNull(data, "data (use \"\" for an update without data)");
        // SseEvent holds the framing rules for id, type and retry: one place, one wording.
        new SseEvent(id, type, data, retry == null ? null : retry.toMillis(), null);
    }

    /** A public update of {@code data} to {@code topic}, with no id, type or retry. */
    public static Update of(String topic, String data) {
        return new Update(List.of(topic), data, null, null, null, false);
    }

    /** This update also sent to {@code topic}. */
    public Update andTopic(String topic) {
        List<String> more = new ArrayList<>(topics);
        more.add(topic);
        return new Update(more, data, id, type, retry, privateUpdate);
    }

    /** This update with id {@code id}. */
    public Update withId(String id) {
        return new Update(topics, data, id, type, retry, privateUpdate);
    }

    /** This update with event type {@code type}. */
    public Update withType(String type) {
        return new Update(topics, data, id, type, retry, privateUpdate);
    }

    /** This update telling subscribers to wait {@code retry} before reconnecting. */
    public Update withRetry(Duration retry) {
        return new Update(topics, data, id, type, retry, privateUpdate);
    }

    /** This update delivered only to subscribers authorized for one of its topics. */
    public Update asPrivate() {
        return new Update(topics, data, id, type, retry, true);
    }
}

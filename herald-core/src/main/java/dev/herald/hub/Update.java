package dev.herald.hub;

import dev.herald.sse.SseEvent;
import java.util.List;

/**
 * An update as a publisher sends it: the topics it concerns and the SSE fields it carries.
 *
 * <p>Validated on construction, so no update that could break SSE framing exists: at least one topic, each
 * non-empty and free of control characters; {@code id} and {@code type} free of CR and LF, {@code id} free
 * of NUL and neither empty nor {@code earliest}; {@code retry} non-negative.
 *
 * @param topics the topics, at least one; the first is the canonical one
 * @param data the payload, or null for none
 * @param id the SSE id chosen by the publisher, or null to have the hub generate one
 * @param type the SSE event type, or null for {@code message}
 * @param retry the reconnection time in milliseconds to send with the update, or null
 * @param privateUpdate whether only subscribers authorized for one of the topics may receive it
 */
public record Update(List<String> topics, String data, String id, String type, Long retry, boolean privateUpdate) {

    public Update {
        if (topics == null || topics.isEmpty()) {
            throw new IllegalArgumentException("an update needs at least one topic");
        }
        topics = List.copyOf(topics);
        for (String topic : topics) {
            Topics.requireValidTopic(topic);
        }
        // Building the wire event applies the framing rules to id, type and retry in one place.
        new SseEvent(id, type, data, retry, null);
        if (id != null && (id.isEmpty() || id.equals(SubscribeRequest.EARLIEST))) {
            throw new IllegalArgumentException("id must not be empty or \"" + SubscribeRequest.EARLIEST
                    + "\" (an empty id resets clients' last id, \"earliest\" means all history); omit it to get a generated id");
        }
    }

    /** A public update of the default type to one topic. */
    public static Update of(String topic, String data) {
        return new Update(List.of(topic), data, null, null, null, false);
    }

    /** This update with {@code newId} as its id. */
    public Update withId(String newId) {
        return new Update(topics, data, newId, type, retry, privateUpdate);
    }

    /** This update with {@code newType} as its event type. */
    public Update withType(String newType) {
        return new Update(topics, data, id, newType, retry, privateUpdate);
    }

    /** This update marked private. */
    public Update asPrivate() {
        return new Update(topics, data, id, type, retry, true);
    }

    /** The SSE event that carries this update to subscribers. */
    public SseEvent toSseEvent() {
        return new SseEvent(id, type, data, retry, null);
    }
}

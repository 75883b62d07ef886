package dev.herald.presence;

/**
 * One subscriber following one topic selector, as the Mercure subscriptions API lists it.
 *
 * @param subscriber the subscriber's id (a {@code urn:uuid:} per stream)
 * @param topic the topic selector it follows
 * @param payloadJson the {@code mercure.payload} claim of its token as JSON text, or null
 */
public record SubscriberPresence(String subscriber, String topic, String payloadJson) {

    public SubscriberPresence {
        if (subscriber == null || subscriber.isEmpty() || topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("a presence needs a subscriber id and a topic");
        }
    }
}

package dev.herald.hub;

import java.util.List;

/**
 * What a subscriber asks for.
 *
 * @param selectors the topic selectors to follow, at least one
 * @param privateSelectors the selectors its authorization allows for private updates (the JWT's
 *     {@code mercure.subscribe} claim); empty when it may receive only public updates
 * @param lastEventId where to resume: null for live only, {@code earliest} for all retained history, or
 *     the id of the last update the subscriber has
 */
public record SubscribeRequest(List<TopicSelector> selectors, List<TopicSelector> privateSelectors, String lastEventId) {

    /** The {@code lastEventId} value that asks for all retained history. */
    public static final String EARLIEST = "earliest";

    public SubscribeRequest {
        if (selectors == null || selectors.isEmpty()) {
            throw new IllegalArgumentException("a subscription needs at least one topic selector");
        }
        selectors = List.copyOf(selectors);
        privateSelectors = privateSelectors == null ? List.of() : List.copyOf(privateSelectors);
    }

    /** A request for the live updates of public topics matching {@code selectors}. */
    public static SubscribeRequest live(List<TopicSelector> selectors) {
        return new SubscribeRequest(selectors, List.of(), null);
    }

    /** This request resuming after {@code id}. */
    public SubscribeRequest resumingAfter(String id) {
        return new SubscribeRequest(selectors, privateSelectors, id);
    }

    /** This request with {@code selectors} authorized for private updates. */
    public SubscribeRequest authorizedFor(List<TopicSelector> authorized) {
        return new SubscribeRequest(selectors, authorized, lastEventId);
    }
}

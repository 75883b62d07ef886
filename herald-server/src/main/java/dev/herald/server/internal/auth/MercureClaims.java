package dev.herald.server.internal.auth;

import dev.herald.hub.TopicSelector;
import java.util.List;

/**
 * The Mercure authorization carried by a verified JWT's {@code mercure} claim.
 *
 * @param publish selectors of topics the bearer may publish to (every topic of an update must match one)
 * @param subscribe selectors of topics whose private updates the bearer may receive
 */
public record MercureClaims(List<TopicSelector> publish, List<TopicSelector> subscribe) {

    /** The claims of an anonymous subscriber: nothing private, nothing to publish. */
    public static final MercureClaims NONE = new MercureClaims(List.of(), List.of());

    public MercureClaims {
        publish = List.copyOf(publish);
        subscribe = List.copyOf(subscribe);
    }

    /** True when every one of {@code topics} matches a publish selector. */
    public boolean mayPublishTo(List<String> topics) {
        for (String topic : topics) {
            if (publish.stream().noneMatch(selector -> selector.matches(topic))) {
                return false;
            }
        }
        return !publish.isEmpty();
    }

    /** The first of {@code topics} that no publish selector matches, for error messages. */
    public String firstForbidden(List<String> topics) {
        for (String topic : topics) {
            if (publish.stream().noneMatch(selector -> selector.matches(topic))) {
                return topic;
            }
        }
        return null;
    }
}

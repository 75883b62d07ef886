package dev.herald.server.internal.auth;

import dev.herald.hub.TopicSelector;
import java.time.Instant;
import java.util.List;

/**
 * The Mercure authorization carried by a verified JWT's {@code mercure} claim.
 *
 * @param publish selectors of topics the bearer may publish to (every topic of an update must match one)
 * @param subscribe selectors of topics whose private updates the bearer may receive
 * @param subject the JWT's {@code sub}, or null
 * @param validUntil the instant the token stops being accepted ({@code exp} plus the leeway), or null for never
 * @param payload the {@code mercure.payload} claim (JSON as maps, lists and scalars), or null
 */
public record MercureClaims(List<TopicSelector> publish, List<TopicSelector> subscribe, String subject,
                            Instant validUntil, Object payload) {

    /** The claims of an anonymous subscriber: nothing private, nothing to publish. */
    public static final MercureClaims NONE = new MercureClaims(List.of(), List.of());

    public MercureClaims {
        publish = List.copyOf(publish);
        subscribe = List.copyOf(subscribe);
    }

    /** Claims with no subject, expiry or payload. */
    public MercureClaims(List<TopicSelector> publish, List<TopicSelector> subscribe) {
        this(publish, subscribe, null, null, null);
    }

    /** True when every one of {@code topics} matches a publish selector. */
    public boolean mayPublishTo(List<String> topics) {
        return !publish.isEmpty() && firstForbidden(topics) == null;
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

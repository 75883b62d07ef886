package dev.herald.server.internal.http;

import dev.herald.hub.Hub;
import dev.herald.hub.Subscription;
import dev.herald.hub.TopicSelector;
import dev.herald.hub.Update;
import dev.herald.presence.PresenceRegistry;
import dev.herald.presence.SubscriberPresence;
import dev.herald.server.internal.auth.MercureClaims;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each stream's subscriptions in the presence registry and publishes a private Mercure
 * subscription event on {@code /.well-known/mercure/subscriptions/{topic}/{subscriber}} when one starts
 * ({@code active: true}) and ends ({@code active: false}). Going through the hub, the events reach every
 * node of a cluster and the history like any update.
 */
final class SubscriptionEvents implements StreamObserver {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionEvents.class);

    private final Hub hub;
    private final PresenceRegistry registry;
    private final SubscriptionJson json;

    SubscriptionEvents(Hub hub, PresenceRegistry registry, SubscriptionJson json) {
        this.hub = hub;
        this.registry = registry;
        this.json = json;
    }

    @Override
    public Runnable opened(RoutingContext ctx, Subscription subscription, MercureClaims claims) {
        String subscriber = "urn:uuid:" + UUID.randomUUID();
        String payload = json.payloadJson(claims.payload());
        List<SubscriberPresence> presences = new ArrayList<>();
        for (TopicSelector selector : subscription.request().selectors()) {
            SubscriberPresence presence = new SubscriberPresence(subscriber, selector.text(), payload);
            presences.add(presence);
            registry.join(presence);
            announce(presence, true);
        }
        return () -> presences.forEach(presence -> {
            registry.leave(presence);
            announce(presence, false);
        });
    }

    private void announce(SubscriberPresence presence, boolean active) {
        String topic = SubscriptionJson.id(presence.topic(), presence.subscriber());
        String data = json.subscription(presence, active, true).toString();
        try {
            hub.publish(new Update(List.of(topic), data, null, null, null, true));
        } catch (IllegalStateException closed) {
            // The hub is shutting down: every subscriber is leaving and nobody is left to tell.
        } catch (RuntimeException e) {
            // A subscription event is informative; failing to publish one must not fail the stream.
            LOG.warn("could not publish the subscription event for {}: {}", topic, e.getMessage());
        }
    }
}

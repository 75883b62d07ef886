package dev.herald.server.internal.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.hub.Hub;
import dev.herald.hub.TopicSelector;
import dev.herald.presence.PresenceRegistry;
import dev.herald.presence.SubscriberPresence;
import dev.herald.server.internal.PercentEncoding;
import dev.herald.server.internal.auth.Authorizer;
import dev.herald.server.internal.auth.MercureClaims;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Predicate;

/**
 * The Mercure subscriptions API, in JSON-LD: {@code GET /.well-known/mercure/subscriptions} lists the
 * active subscriptions, {@code …/{topic}} those of one topic selector, {@code …/{topic}/{subscriber}} one.
 * A token is required, and a requester sees exactly the subscriptions whose URL matches one of its
 * {@code mercure.subscribe} selectors, the same rule that decides who receives their subscription events.
 * In a cluster the lists cover every node; reading them is then Redis I/O, done off the event loop.
 */
public final class SubscriptionsEndpoint {

    /** The root of the subscriptions API. */
    public static final String PATH = MercureEndpoint.PATH + "/subscriptions";

    private final Hub hub;
    private final PresenceRegistry registry;
    private final Authorizer authorizer;
    private final SubscriptionJson json;
    private final HubCalls calls;

    SubscriptionsEndpoint(Hub hub, PresenceRegistry registry, Authorizer authorizer, SubscriptionJson json, HubCalls calls) {
        this.hub = hub;
        this.calls = calls;
        this.registry = registry;
        this.authorizer = authorizer;
        this.json = json;
    }

    /**
     * The endpoint over {@code registry}, whose listings run where {@code calls} says (off the event loop when
     * the registry is shared in Redis).
     */
    public static SubscriptionsEndpoint create(Hub hub, PresenceRegistry registry, Authorizer authorizer,
                                               com.fasterxml.jackson.databind.ObjectMapper mapper, HubCalls calls) {
        return new SubscriptionsEndpoint(hub, registry, authorizer, new SubscriptionJson(mapper), calls);
    }

    /** The observer that records presence and publishes subscription events. */
    public StreamObserver events() {
        return new SubscriptionEvents(hub, registry, json);
    }

    /** GET /.well-known/mercure/subscriptions */
    public void all(RoutingContext ctx) {
        list(ctx, PATH, presence -> true);
    }

    /** GET /.well-known/mercure/subscriptions/{topic} */
    public void forTopic(RoutingContext ctx) {
        String topic = ctx.pathParam("topic");
        list(ctx, PATH + "/" + PercentEncoding.encode(topic), presence -> presence.topic().equals(topic));
    }

    /** GET /.well-known/mercure/subscriptions/{topic}/{subscriber} */
    public void one(RoutingContext ctx) {
        String topic = ctx.pathParam("topic");
        String subscriber = ctx.pathParam("subscriber");
        List<TopicSelector> allowed = allowedSelectors(ctx);
        String lastEventId = hub.lastEventId();
        calls.run(ctx, registry::list, presences -> {
            SubscriberPresence found = presences.stream()
                    .filter(p -> p.topic().equals(topic) && p.subscriber().equals(subscriber) && visible(p, allowed))
                    .findFirst()
                    .orElseThrow(() -> HttpError.notFound("no active subscription of " + subscriber + " to " + topic));
            ObjectNode body = json.subscription(found, true, true);
            body.put("lastEventID", lastEventId);
            send(ctx, body);
        });
    }

    private void list(RoutingContext ctx, String id, Predicate<SubscriberPresence> filter) {
        List<TopicSelector> allowed = allowedSelectors(ctx);
        // The id is read before the snapshot, so subscribing from it replays any event the snapshot missed.
        String lastEventId = hub.lastEventId();
        calls.run(ctx, registry::list, presences -> {
            ObjectNode body = json.mapper().createObjectNode()
                    .put("@context", SubscriptionJson.CONTEXT)
                    .put("id", id)
                    .put("type", "Subscriptions")
                    .put("lastEventID", lastEventId);
            ArrayNode subscriptions = body.putArray("subscriptions");
            for (SubscriberPresence presence : presences) {
                if (filter.test(presence) && visible(presence, allowed)) {
                    subscriptions.add(json.subscription(presence, true, false));
                }
            }
            send(ctx, body);
        });
    }

    private List<TopicSelector> allowedSelectors(RoutingContext ctx) {
        MercureClaims claims = authorizer.authorizeSubscribe(ctx.request());
        if (claims.subscribe().isEmpty()) {
            throw HttpError.forbidden("the subscriptions API needs a JWT whose mercure.subscribe claim matches"
                    + " subscription URLs, e.g. \"" + PATH + "/{topic}/{subscriber}\"");
        }
        return claims.subscribe();
    }

    private static boolean visible(SubscriberPresence presence, List<TopicSelector> allowed) {
        return TopicSelector.anyMatches(allowed, SubscriptionJson.id(presence.topic(), presence.subscriber()));
    }

    private static void send(RoutingContext ctx, ObjectNode body) {
        ctx.response().putHeader("Content-Type", "application/ld+json").putHeader("Cache-Control", "no-store")
                .end(body.toString());
    }
}

package dev.herald.server.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.presence.SubscriberPresence;
import dev.herald.server.internal.PercentEncoding;

/** The JSON-LD shapes of the Mercure subscriptions API and subscription events. */
final class SubscriptionJson {

    static final String CONTEXT = "https://mercure.rocks/";

    private final ObjectMapper json;

    SubscriptionJson(ObjectMapper json) {
        this.json = json;
    }

    /** The URL (path) naming one subscription, also the topic of its events. */
    static String id(String topic, String subscriber) {
        return SubscriptionsEndpoint.PATH + "/" + PercentEncoding.encode(topic) + "/" + PercentEncoding.encode(subscriber);
    }

    /** One subscription, with {@code @context} when it stands alone. */
    ObjectNode subscription(SubscriberPresence presence, boolean active, boolean withContext) {
        ObjectNode node = json.createObjectNode();
        if (withContext) {
            node.put("@context", CONTEXT);
        }
        node.put("id", id(presence.topic(), presence.subscriber()))
                .put("type", "Subscription")
                .put("subscriber", presence.subscriber())
                .put("topic", presence.topic())
                .put("active", active);
        if (presence.payloadJson() != null) {
            try {
                node.set("payload", json.readTree(presence.payloadJson()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored payload is not JSON", e);
            }
        }
        return node;
    }

    /** A payload claim as JSON text, or null. */
    String payloadJson(Object payload) {
        if (payload == null) {
            return null;
        }
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JWT payload claim cannot be written as JSON", e);
        }
    }

    ObjectMapper mapper() {
        return json;
    }
}

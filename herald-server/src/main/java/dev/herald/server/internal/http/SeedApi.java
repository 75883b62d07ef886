package dev.herald.server.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.hub.Hub;
import dev.herald.hub.TopicSelector;
import dev.herald.hub.Update;
import dev.herald.server.internal.auth.Authorizer;
import dev.herald.server.internal.auth.MercureClaims;
import dev.herald.server.internal.cluster.ClusterView;
import dev.herald.sse.SseEvent;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The seed article's own endpoints, as its browser code expects them, as thin adapters over the hub:
 * {@code GET /api/events} follows the topic {@value #EVENTS_TOPIC} and starts with a {@code connect} event;
 * {@code POST /api/notify} publishes its JSON body to that topic as a {@code notification} event and
 * answers how many subscriptions follow it in the whole cluster (other nodes' counts as of the cluster
 * view's last refresh).
 */
public final class SeedApi {

    /** The topic behind {@code /api/events}; publish to it (any event type) to reach the seed's stream. */
    public static final String EVENTS_TOPIC = "/api/events";

    private static final List<TopicSelector> EVENTS_SELECTORS = List.of(TopicSelector.parse(EVENTS_TOPIC));

    private final Hub hub;
    private final Authorizer authorizer;
    private final EventStreams streams;
    private final ObjectMapper json;
    private final ClusterView cluster;
    private final PublishPolicy publishPolicy;

    /** The seed API over {@code hub}, counting subscribers across {@code cluster} and applying {@code publishPolicy} to every authorized notify. */
    public SeedApi(Hub hub, Authorizer authorizer, EventStreams streams, ObjectMapper json, ClusterView cluster,
                   PublishPolicy publishPolicy) {
        this.publishPolicy = publishPolicy;
        this.hub = hub;
        this.cluster = cluster;
        this.authorizer = authorizer;
        this.streams = streams;
        this.json = json;
    }

    /** GET /api/events: the seed's stream, a {@code connect} event first. */
    public void events(RoutingContext ctx) {
        MercureClaims claims = authorizer.authorizeSubscribe(ctx.request());
        streams.open(ctx, EVENTS_SELECTORS, claims, List.of(SseEvent.of("connect", "connected")));
    }

    /** POST /api/notify: broadcasts the JSON body as a {@code notification} event; answers {@code {"success":true,"clients":N}}. */
    public void notify(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            throw HttpError.unsupportedMediaType("send the notification as Content-Type application/json, got " + contentType);
        }
        JsonNode body;
        try {
            body = json.readTree(ctx.body().asString(StandardCharsets.UTF_8.name()));
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (body == null || body.isMissingNode()) {
            throw HttpError.badRequest("the body is empty; send a JSON notification such as {\"message\":\"hi\"}");
        }
        MercureClaims claims = authorizer.authorizePublish(ctx.request(), List.of(EVENTS_TOPIC));
        publishPolicy.check(ctx.request(), claims);
        String data;
        try {
            data = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("re-encoding parsed JSON failed", e);
        }
        Update update = new Update(List.of(EVENTS_TOPIC), data, null, "notification", null, false);
        streams.hubCalls().run(ctx, () -> hub.publish(update), entry -> {
            int clients = cluster.subscribersOf(EVENTS_TOPIC);
            ctx.response().putHeader("Content-Type", "application/json")
                    .end(json.createObjectNode().put("success", true).put("clients", clients).toString());
        });
    }
}

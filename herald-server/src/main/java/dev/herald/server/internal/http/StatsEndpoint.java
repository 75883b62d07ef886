package dev.herald.server.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.cluster.NodeCounts;
import dev.herald.hub.Topics;
import dev.herald.server.internal.auth.Authorizer;
import dev.herald.server.internal.cluster.ClusterView;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /herald/stats}: this node's and the whole cluster's open streams and subscriptions per topic
 * selector, and with {@code ?topic=T} the subscriptions following topic T. Selectors can name users, so it
 * answers only publishers allowed every topic ({@code mercure.publish} with {@code *}).
 */
public final class StatsEndpoint {

    /** Where the endpoint is served. */
    public static final String PATH = "/herald/stats";

    private static final List<String> EVERY_TOPIC = List.of("*");

    private final ClusterView cluster;
    private final Authorizer authorizer;
    private final ObjectMapper json;
    /** Walking every subscription is too long for an event loop with many of them. */
    private final HubCalls offLoop = new HubCalls(true);

    /** Stats of {@code cluster}, for callers {@code authorizer} lets publish everywhere. */
    public StatsEndpoint(ClusterView cluster, Authorizer authorizer, ObjectMapper json) {
        this.cluster = cluster;
        this.authorizer = authorizer;
        this.json = json;
    }

    /** Answers the stats as JSON. */
    public void handle(RoutingContext ctx) {
        authorizer.authorizePublish(ctx.request(), EVERY_TOPIC);
        String topic = ctx.request().getParam("topic");
        if (topic != null) {
            try {
                Topics.requireValidTopic(topic);
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("the topic parameter is not a valid topic: " + e.getMessage());
            }
        }
        offLoop.run(ctx, () -> body(topic), body -> ctx.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(body));
    }

    private String body(String topic) {
        NodeCounts local = cluster.local();
        List<NodeCounts> all = new ArrayList<>(cluster.others());
        all.add(0, local);
        ObjectNode root = json.createObjectNode();
        root.set("node", counts(local.nodeId(), local.connections(), local.perSelector(), local.untracked()));
        Map<String, Integer> perSelector = new TreeMap<>();
        all.forEach(node -> node.perSelector().forEach((selector, count) -> perSelector.merge(selector, count, Integer::sum)));
        ObjectNode total = counts(null, all.stream().mapToInt(NodeCounts::connections).sum(), perSelector,
                all.stream().mapToInt(NodeCounts::untracked).sum());
        total.put("nodes", all.size()).put("refreshMs", cluster.refresh().toMillis()).put("ttlMs", cluster.ttl().toMillis());
        root.set("cluster", total);
        ArrayNode nodes = root.putArray("nodes");
        all.forEach(node -> nodes.addObject().put("id", node.nodeId()).put("connections", node.connections()));
        if (topic != null) {
            root.putObject("topic").put("name", topic).put("node", local.following(topic))
                    .put("cluster", all.stream().mapToInt(node -> node.following(topic)).sum());
        }
        return root.toString();
    }

    private ObjectNode counts(String id, int connections, Map<String, Integer> perSelector, int untracked) {
        ObjectNode node = json.createObjectNode();
        if (id != null) {
            node.put("id", id);
        }
        node.put("connections", connections);
        ObjectNode selectors = node.putObject("subscriptions");
        perSelector.forEach(selectors::put);
        node.put("untracked", untracked);
        return node;
    }
}

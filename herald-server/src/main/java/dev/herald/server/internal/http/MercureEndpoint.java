package dev.herald.server.internal.http;

import dev.herald.hub.Hub;
import dev.herald.hub.TopicSelector;
import dev.herald.hub.Update;
import dev.herald.server.internal.auth.Authorizer;
import dev.herald.server.internal.auth.MercureClaims;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Mercure protocol endpoint {@code /.well-known/mercure}: GET subscribes to the {@code topic} selectors,
 * POST publishes a form-encoded update and answers its id as {@code text/plain}.
 */
public final class MercureEndpoint {

    /** Form fields a publish may carry besides its topics (data, id, type, retry, private, and a margin). */
    public static final int OTHER_FIELDS = 16;

    /** The path the Mercure protocol reserves for the hub. */
    public static final String PATH = "/.well-known/mercure";

    private final Hub hub;
    private final Authorizer authorizer;
    private final EventStreams streams;
    private final int maxTopics;
    private final PublishPolicy publishPolicy;

    /**
     * The endpoint over {@code hub}, accepting at most {@code maxTopics} topics or selectors per request and
     * applying {@code publishPolicy} to every authorized publish.
     */
    public MercureEndpoint(Hub hub, Authorizer authorizer, EventStreams streams, int maxTopics, PublishPolicy publishPolicy) {
        this.publishPolicy = publishPolicy;
        this.hub = hub;
        this.authorizer = authorizer;
        this.streams = streams;
        this.maxTopics = maxTopics;
    }

    /** GET: opens a stream following the {@code topic} query parameters. */
    public void subscribe(RoutingContext ctx) {
        List<String> topics = ctx.queryParam("topic");
        if (topics.isEmpty()) {
            throw HttpError.badRequest("missing \"topic\" query parameter: give at least one topic or selector,"
                    + " e.g. ?topic=https://example.com/books/{id}");
        }
        requireFewTopics(topics);
        List<TopicSelector> selectors = new ArrayList<>(topics.size());
        for (String topic : topics) {
            selectors.add(TopicSelector.parse(topic));
        }
        MercureClaims claims = authorizer.authorizeSubscribe(ctx.request());
        streams.open(ctx, selectors, claims, List.of());
    }

    /** POST: publishes the form's update and answers its id. */
    public void publish(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            throw HttpError.unsupportedMediaType("publish with Content-Type application/x-www-form-urlencoded"
                    + " (fields topic, data, id, type, retry, private), got " + contentType);
        }
        // ';' is data, not a separator, in a form body; the parameter cap stops a body of millions of fields.
        Map<String, List<String>> form = QueryStringDecoder.builder()
                .hasPath(false)
                .semicolonIsNormalChar(true)
                .maxParams(maxTopics + OTHER_FIELDS)
                .charset(StandardCharsets.UTF_8)
                .build(ctx.body().asString(StandardCharsets.UTF_8.name()))
                .parameters();
        Update update = updateFrom(form);
        MercureClaims claims = authorizer.authorizePublish(ctx.request(), update.topics());
        publishPolicy.check(ctx.request(), claims);
        streams.hubCalls().run(ctx, () -> hub.publish(update),
                entry -> ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(entry.id()));
    }

    private Update updateFrom(Map<String, List<String>> form) {
        List<String> topics = form.getOrDefault("topic", List.of());
        if (topics.isEmpty()) {
            throw HttpError.badRequest("missing \"topic\" field: an update needs at least one topic");
        }
        requireFewTopics(topics);
        String retryText = single(form, "retry");
        Long retry = null;
        if (retryText != null) {
            try {
                retry = Long.parseLong(retryText);
            } catch (NumberFormatException e) {
                throw HttpError.badRequest("\"retry\" must be a whole number of milliseconds, got \"" + retryText + "\"");
            }
        }
        String privateField = single(form, "private");
        boolean isPrivate = privateField != null && !privateField.isEmpty() && !privateField.equals("off")
                && !privateField.equals("false");
        String id = single(form, "id");
        String type = single(form, "type");
        return new Update(topics, single(form, "data"), id, type == null || type.isEmpty() ? null : type, retry, isPrivate);
    }

    private void requireFewTopics(List<String> topics) {
        if (topics.size() > maxTopics) {
            throw HttpError.badRequest("too many topics: " + topics.size() + " given, at most " + maxTopics + " allowed (--max-topics)");
        }
    }

    private static String single(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw HttpError.badRequest("field \"" + name + "\" given " + values.size() + " times; give it once");
        }
        return values.get(0);
    }
}

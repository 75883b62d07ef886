package dev.herald.bench.load;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * How a server is subscribed to and published to. The payload text is the same for all ({@link Payload}), and
 * every subscriber finds it in its events' data the same way ({@link PayloadScanner}), so latency and loss are
 * measured alike whatever the wire.
 */
enum Protocol {

    /** Mercure: {@code GET <hub>?topic=/bench/N}, {@code POST <hub>} form {@code topic=...&data=<payload>}. */
    MERCURE {
        @Override
        String topic(int index) {
            return "/bench/" + index;
        }

        @Override
        String subscribeUri(URI hub, String topic) {
            return endpoint(hub) + "?topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8);
        }

        @Override
        String publishUri(URI hub, String topic) {
            return endpoint(hub);
        }

        @Override
        String contentType() {
            return "application/x-www-form-urlencoded";
        }

        @Override
        String body(String topic, String payload) {
            return "topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8) + "&data=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
        }

        private String endpoint(URI hub) {
            String path = hub.getRawPath();
            return path == null || path.isEmpty() || path.equals("/") ? "/.well-known/mercure" : path;
        }
    },

    /** The seed article's API: {@code GET /api/events}, {@code POST /api/notify} with {@code {"message":"<payload>"}}; one stream. */
    SEED {
        @Override
        String topic(int index) {
            return "/api/events";
        }

        @Override
        String subscribeUri(URI hub, String topic) {
            return "/api/events";
        }

        @Override
        String publishUri(URI hub, String topic) {
            return "/api/notify";
        }

        @Override
        String contentType() {
            return "application/json";
        }

        @Override
        String body(String topic, String payload) {
            return new JsonObject().put("message", payload).encode();
        }

        @Override
        int maxTopics() {
            return 1;
        }
    },

    /** Nchan's channels by path: {@code GET /sub/bench-N} (EventSource), {@code POST /pub/bench-N} with the payload as the body. */
    NCHAN {
        @Override
        String topic(int index) {
            return "bench-" + index;
        }

        @Override
        String subscribeUri(URI hub, String topic) {
            return "/sub/" + topic;
        }

        @Override
        String publishUri(URI hub, String topic) {
            return "/pub/" + topic;
        }

        @Override
        String contentType() {
            return "text/plain";
        }

        @Override
        String body(String topic, String payload) {
            return payload;
        }
    };

    /** The name of topic {@code index} on this protocol. */
    abstract String topic(int index);

    /** The path and query a subscriber of {@code topic} requests with GET. */
    abstract String subscribeUri(URI hub, String topic);

    /** The path an update to {@code topic} is POSTed to. */
    abstract String publishUri(URI hub, String topic);

    abstract String contentType();

    /** The request body publishing {@code payload} to {@code topic}. */
    abstract String body(String topic, String payload);

    /** How many distinct streams this protocol can address. */
    int maxTopics() {
        return Integer.MAX_VALUE;
    }

    /** A GET opening an event stream on {@code topic}. */
    RequestOptions subscribeRequest(URI hub, String topic) {
        return new RequestOptions().setMethod(HttpMethod.GET).setHost(hub.getHost()).setPort(hub.getPort())
                .setURI(subscribeUri(hub, topic)).putHeader("Accept", "text/event-stream");
    }

    /** A POST publishing to {@code topic} (the body is sent separately). */
    RequestOptions publishRequest(URI hub, String topic) {
        return new RequestOptions().setMethod(HttpMethod.POST).setHost(hub.getHost()).setPort(hub.getPort())
                .setURI(publishUri(hub, topic)).putHeader("Content-Type", contentType());
    }
}

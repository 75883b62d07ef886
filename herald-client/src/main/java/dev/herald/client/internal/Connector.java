package dev.herald.client.internal;

import dev.herald.client.ConnectionLostException;
import dev.herald.client.ContentTypeException;
import dev.herald.client.EventSourceBuilder;
import dev.herald.client.HttpStatusException;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Opens one connection of an event source: sends the GET, waits for the response head, and either hands
 * back an {@link OpenConnection} or throws the failure (lost connection, wrong status, wrong type). Runs on
 * the source's thread; the pending request and the body are registered with the {@link StopSignal} so that
 * {@code close()} from another thread cuts them.
 */
final class Connector {

    /** How much of an error body is kept as the failure's reason: one line is all a server should send. */
    private static final int MAX_REASON_BYTES = 512;

    private final SourceConfig config;

    Connector(SourceConfig config) {
        this.config = config;
    }

    /** Connects, sending {@code lastEventId} unless empty; null if the stop signal was set meanwhile. */
    OpenConnection open(String lastEventId, StopSignal stop) throws InterruptedException {
        CompletableFuture<HttpResponse<InputStream>> pending =
                config.httpClient().sendAsync(request(lastEventId), HttpResponse.BodyHandlers.ofInputStream());
        stop.track(() -> pending.cancel(true));
        HttpResponse<InputStream> response;
        try {
            response = pending.get();
        } catch (CancellationException cancelled) {
            return null;
        } catch (ExecutionException e) {
            if (stop.isSet()) {
                return null;
            }
            throw new ConnectionLostException("could not connect to " + config.uri() + ": " + describe(e.getCause())
                    + "; check that the server is up and reachable", e.getCause());
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        }
        InputStream body = response.body();
        stop.track(() -> closeQuietly(body));
        if (stop.isSet()) {
            return null;
        }
        return accept(response, lastEventId);
    }

    private HttpRequest request(String lastEventId) {
        // HTTP/1.1 whatever the client prefers: one TCP connection per stream, closed with it. Over HTTP/2 the
        // JDK client multiplexes streams on one pooled connection and offers no way to drop it, so after a
        // read timeout on a silently dead connection every reconnection would be sent over that same one.
        HttpRequest.Builder request = HttpRequest.newBuilder(config.uri())
                .version(HttpClient.Version.HTTP_1_1)
                .GET()
                .timeout(headTimeout())
                .header("Accept", "text/event-stream")
                .header("Cache-Control", "no-cache");
        config.headers().forEach(request::setHeader);
        if (!lastEventId.isEmpty()) {
            request.setHeader("Last-Event-ID", lastEventId);
        }
        return request.build();
    }

    /** Validates the head the spec's way; the body is closed on every path that throws. */
    private OpenConnection accept(HttpResponse<InputStream> response, String lastEventId) {
        HttpHeaders headers = response.headers();
        if (response.statusCode() != 200) {
            String reason = response.statusCode() == 204 ? "" : readReason(response.body());
            closeQuietly(response.body());
            throw new HttpStatusException(config.uri(), response.statusCode(), headers, reason);
        }
        String contentType = headers.firstValue("Content-Type").orElse("");
        if (!isEventStream(contentType)) {
            closeQuietly(response.body());
            throw new ContentTypeException(config.uri(), contentType, headers);
        }
        Duration readTimeout = readTimeout(headers);
        InputStream body = readTimeout.isZero() ? response.body() : TimedInputStream.watch(response.body(), readTimeout);
        return new OpenConnection(headers, body, readTimeout, lastEventId);
    }

    /** The fixed read timeout if one was set, else a multiple of the server's advertised heartbeat, else the fallback. */
    private Duration readTimeout(HttpHeaders headers) {
        if (config.readTimeout() != null) {
            return config.readTimeout();
        }
        long heartbeatMillis = headers.firstValue(EventSourceBuilder.HEARTBEAT_HEADER)
                .map(Connector::parseMillis).orElse(0L);
        return heartbeatMillis > 0
                ? Duration.ofMillis(heartbeatMillis).multipliedBy(EventSourceBuilder.HEARTBEAT_TIMEOUT_FACTOR)
                : config.fallbackReadTimeout();
    }

    /** The wait for the response head: the read timeout when fixed, the fallback otherwise. */
    private Duration headTimeout() {
        Duration fixed = config.readTimeout();
        return fixed != null && !fixed.isZero() ? fixed : config.fallbackReadTimeout();
    }

    private String readReason(InputStream body) {
        try (InputStream watched = TimedInputStream.watch(body, headTimeout())) {
            String text = new String(watched.readNBytes(MAX_REASON_BYTES), StandardCharsets.UTF_8);
            int lineEnd = text.indexOf('\n');
            return (lineEnd < 0 ? text : text.substring(0, lineEnd)).strip();
        } catch (IOException unreadable) {
            return ""; // The status alone still says what happened.
        }
    }

    static boolean isEventStream(String contentType) {
        int semicolon = contentType.indexOf(';');
        String mediaType = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return mediaType.strip().toLowerCase(Locale.ROOT).equals("text/event-stream");
    }

    private static long parseMillis(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return 0; // A garbled header must not break the connection; the fallback timeout applies.
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Closing is best effort; the connection is being dropped either way.
        }
    }
}

package dev.herald.testkit.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Chrome DevTools protocol connection (a WebSocket to the browser target): sends commands, matches
 * each reply to its command by id. Sessions of page targets are addressed with a {@code sessionId}
 * ("flat" mode), so one connection drives every tab.
 */
final class DevToolsConnection implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private DevToolsConnection(URI uri) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new Listener())
                .join();
    }

    static DevToolsConnection open(URI uri) {
        return new DevToolsConnection(uri);
    }

    /** Sends {@code method} with {@code params} to {@code sessionId} (null: the browser) and returns its result. */
    JsonNode send(String sessionId, String method, Map<String, Object> params, Duration timeout) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        synchronized (socket) {
            socket.sendText(message.toString(), true).join();
        }
        try {
            JsonNode answer = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (answer.has("error")) {
                throw new AssertionError("DevTools " + method + " failed: " + answer.get("error"));
            }
            return answer.get("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for DevTools " + method, e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no DevTools answer to " + method + " within " + timeout.toMillis() + " ms", e);
        } finally {
            pending.remove(id);
        }
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                dispatch(text);
            }
            webSocket.request(1);
            return null;
        }

        private void dispatch(String text) {
            try {
                JsonNode message = JSON.readTree(text);
                if (message.has("id")) {
                    CompletableFuture<JsonNode> reply = pending.get(message.get("id").asInt());
                    if (reply != null) {
                        reply.complete(message);
                    }
                }
            } catch (java.io.IOException e) {
                // Events we cannot parse are of no interest to the tests.
            }
        }
    }
}

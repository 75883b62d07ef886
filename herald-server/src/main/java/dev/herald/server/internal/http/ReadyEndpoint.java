package dev.herald.server.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.log.EventLog;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /readyz}: 200 when this node can serve (not shutting down, and its log answers: Redis for a
 * cluster, the file for {@code --log-dir}), else 503 with a JSON reason, so a balancer sends clients elsewhere.
 * {@code /healthz} only says the process is alive.
 */
public final class ReadyEndpoint {

    /** The probe's path. */
    public static final String PATH = "/readyz";
    /** A log that does not answer within this long counts as down: probes have short timeouts of their own. */
    static final long LOG_TIMEOUT_MILLIS = 2000;

    private final BooleanSupplier serving;
    private final EventLog log;
    private final ObjectMapper json;

    /** A probe that is ready while {@code serving} and {@code log} reads its head. */
    public ReadyEndpoint(BooleanSupplier serving, EventLog log, ObjectMapper json) {
        this.serving = serving;
        this.log = log;
        this.json = json;
    }

    /** Answers the probe. */
    public void handle(RoutingContext ctx) {
        if (!serving.getAsBoolean()) {
            answer(ctx, "shutting down");
            return;
        }
        ctx.vertx().executeBlocking(log::headPosition, false)
                .timeout(LOG_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .onComplete(result -> {
                    if (result.failed()) {
                        answer(ctx, "the log is unreachable: " + result.cause().getMessage());
                    } else {
                        answer(ctx, serving.getAsBoolean() ? null : "shutting down");
                    }
                });
    }

    /** 200 {@code {"ready":true}} when {@code reason} is null, else 503 with it. */
    private void answer(RoutingContext ctx, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", reason == null);
        if (reason != null) {
            body.put("reason", reason);
        }
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ctx.response().setStatusCode(reason == null ? 200 : 503)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(text + "\n");
    }
}

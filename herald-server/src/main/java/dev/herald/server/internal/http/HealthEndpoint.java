package dev.herald.server.internal.http;

import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;

/** {@code GET /healthz}: 200 while the hub serves, 503 once it is shutting down. */
public final class HealthEndpoint {

    private final BooleanSupplier ready;

    /** A health endpoint reporting {@code ready}. */
    public HealthEndpoint(BooleanSupplier ready) {
        this.ready = ready;
    }

    /** Answers the probe. */
    public void handle(RoutingContext ctx) {
        boolean ok = ready.getAsBoolean();
        ctx.response().setStatusCode(ok ? 200 : 503)
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(ok ? "ok\n" : "shutting down\n");
    }
}

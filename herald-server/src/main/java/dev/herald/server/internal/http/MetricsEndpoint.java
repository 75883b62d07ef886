package dev.herald.server.internal.http;

import dev.herald.server.internal.metrics.HeraldMetrics;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format. With a token configured
 * ({@code --metrics-token}) the scraper must send it as {@code Authorization: Bearer …}; the numbers carry no
 * topics or identities, but an operator may still not want them public.
 */
public final class MetricsEndpoint {

    /** The path Prometheus scrapes. */
    public static final String PATH = "/metrics";
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HeraldMetrics metrics;
    private final byte[] expectedAuthorization;

    /** An endpoint for {@code metrics}, open to anyone when {@code token} is null. */
    public MetricsEndpoint(HeraldMetrics metrics, String token) {
        this.metrics = metrics;
        this.expectedAuthorization = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    /** Answers a scrape; the exposition is built off the event loop. */
    public void handle(RoutingContext ctx) {
        if (expectedAuthorization != null) {
            String given = ctx.request().getHeader("Authorization");
            // Constant-time comparison: the time to refuse must not tell how much of a guess was right.
            if (given == null || !MessageDigest.isEqual(expectedAuthorization, given.getBytes(StandardCharsets.UTF_8))) {
                ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer")
                        .putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end("/metrics needs Authorization: Bearer <the --metrics-token value>\n");
                return;
            }
        }
        ctx.vertx().executeBlocking(metrics::scrape, false).onComplete(result -> {
            if (result.failed()) {
                ctx.fail(result.cause());
                return;
            }
            ctx.response().putHeader("Content-Type", CONTENT_TYPE).putHeader("Cache-Control", "no-store").end(result.result());
        });
    }
}

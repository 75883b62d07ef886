package dev.herald.server.internal.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Cross-origin access for browser pages on the allowed origins ({@code --cors-origin}): answers preflights
 * (publishing sends {@code Authorization}, so it is preflighted), and marks responses readable by the
 * page, with credentials so a cookie-authenticated {@code EventSource} works. Requests of other origins
 * get no CORS headers (the browser then hides the response) and their preflights are refused 403; cookies
 * they carry are refused by the authorizer.
 */
public final class CorsHandler {

    static final String ALLOWED_METHODS = "GET, POST, DELETE";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Last-Event-ID, Cache-Control";
    static final String EXPOSED_HEADERS = "Last-Event-ID, Retry-After, " + EventStreams.HEARTBEAT_HEADER + ", "
            + EventStreams.HISTORY_GAP_HEADER;
    /** Browsers cache a preflight this long, sparing a round trip per publish. */
    static final int PREFLIGHT_MAX_AGE_SECONDS = 600;

    private final Origins origins;

    /** CORS for {@code origins}. */
    public CorsHandler(Origins origins) {
        this.origins = origins;
    }

    /** Runs first on every request. */
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String origin = request.getHeader("Origin");
        if (origin == null || Origins.isSameOrigin(request, origin)) {
            ctx.next();
            return;
        }
        HttpServerResponse response = ctx.response();
        response.putHeader("Vary", "Origin");
        boolean preflight = request.method() == HttpMethod.OPTIONS
                && request.getHeader("Access-Control-Request-Method") != null;
        if (!origins.allows(origin)) {
            if (preflight) {
                throw HttpError.forbidden("origin " + origin + " is not allowed to call this hub; allow it with --cors-origin");
            }
            ctx.next();
            return;
        }
        allowOrigin(response, origin);
        if (preflight) {
            response.putHeader("Access-Control-Allow-Methods", ALLOWED_METHODS)
                    .putHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                    .putHeader("Access-Control-Max-Age", String.valueOf(PREFLIGHT_MAX_AGE_SECONDS))
                    .setStatusCode(204)
                    .end();
            return;
        }
        response.putHeader("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        ctx.next();
    }

    private void allowOrigin(HttpServerResponse response, String origin) {
        if (origins.anyOrigin()) {
            // '*' means any page may read, never with the user's cookies (browsers refuse '*' with credentials).
            response.putHeader("Access-Control-Allow-Origin", "*");
        } else {
            response.putHeader("Access-Control-Allow-Origin", origin)
                    .putHeader("Access-Control-Allow-Credentials", "true");
        }
    }
}

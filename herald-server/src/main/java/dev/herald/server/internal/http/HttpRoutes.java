package dev.herald.server.internal.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** Assembles the one {@link Router} of the server: every route in one place. */
public final class HttpRoutes {

    private HttpRoutes() {
    }

    /** The router serving the Mercure endpoint, the seed's API, stats and health. */
    public static Router router(Vertx vertx, MercureEndpoint mercure, SeedApi seed, HealthEndpoint health,
                                StatsEndpoint stats, ErrorResponder errors, long maxBodyBytes) {
        Router router = Router.router(vertx);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(maxBodyBytes);

        router.get(MercureEndpoint.PATH).handler(mercure::subscribe);
        router.post(MercureEndpoint.PATH).handler(body).handler(mercure::publish);

        router.get("/api/events").handler(seed::events);
        router.post("/api/notify").handler(body).handler(seed::notify);

        router.get("/healthz").handler(health::handle);
        router.get(StatsEndpoint.PATH).handler(stats::handle);

        router.route().failureHandler(errors::handle);
        for (int status : new int[] {400, 404, 405, 413, 500}) {
            router.errorHandler(status, errors::handle);
        }
        return router;
    }
}

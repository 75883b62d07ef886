package dev.herald.server.internal.http;

import dev.herald.server.internal.apps.Apps;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;

/** Assembles the one {@link Router} of the server: every route in one place. */
public final class HttpRoutes {

    private HttpRoutes() {
    }

    /**
     * The handlers the router dispatches to.
     *
     * @param guards run first on every request, in order (admission limits, CORS)
     * @param subscriptions the subscriptions API, or null when it is off
     * @param metrics the Prometheus endpoint, or null when it is off
     * @param apps the demo applications and their pages, or null when they are off ({@code --no-apps})
     */
    public record Handlers(List<Handler<RoutingContext>> guards, MercureEndpoint mercure, AuthCookieEndpoint cookie,
                           SubscriptionsEndpoint subscriptions, SeedApi seed, HealthEndpoint health, ReadyEndpoint ready,
                           StatsEndpoint stats, MetricsEndpoint metrics, ErrorResponder errors, Apps apps) {
    }

    /**
     * The router serving the Mercure endpoint, its cookie and subscriptions companions, the seed's API, stats,
     * health, readiness, metrics, the browser helper {@code /herald.js} and, when on, the demo applications.
     */
    public static Router router(Vertx vertx, Handlers handlers, long maxBodyBytes) {
        Router router = Router.router(vertx);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
        handlers.guards().forEach(guard -> router.route().handler(guard));

        router.get(MercureEndpoint.PATH).handler(handlers.mercure()::subscribe);
        router.post(MercureEndpoint.PATH).handler(rawFormBody(body)).handler(handlers.mercure()::publish);
        router.post(AuthCookieEndpoint.PATH).handler(handlers.cookie()::set);
        router.delete(AuthCookieEndpoint.PATH).handler(handlers.cookie()::clear);
        if (handlers.subscriptions() != null) {
            router.get(SubscriptionsEndpoint.PATH).handler(handlers.subscriptions()::all);
            router.get(SubscriptionsEndpoint.PATH + "/:topic").handler(handlers.subscriptions()::forTopic);
            router.get(SubscriptionsEndpoint.PATH + "/:topic/:subscriber").handler(handlers.subscriptions()::one);
        }

        router.get("/api/events").handler(handlers.seed()::events);
        router.post("/api/notify").handler(body).handler(handlers.seed()::notify);

        router.get("/healthz").handler(handlers.health()::handle);
        router.get(ReadyEndpoint.PATH).handler(handlers.ready()::handle);
        if (handlers.metrics() != null) {
            router.get(MetricsEndpoint.PATH).handler(handlers.metrics()::handle);
        }
        router.get(StatsEndpoint.PATH).handler(handlers.stats()::handle);
        // Served whether or not the apps are on.
        BrowserScripts.mount(router);
        if (handlers.apps() != null) {
            // Last: the pages' static handler answers any GET no route above took.
            handlers.apps().mount(router);
        }

        router.route().failureHandler(handlers.errors()::handle);
        for (int status : new int[] {400, 403, 404, 405, 413, 500}) {
            router.errorHandler(status, handlers.errors()::handle);
        }
        return router;
    }

    /**
     * {@code body} for a form the endpoint decodes itself ({@link MercureEndpoint}). Vert.x Web's body handler
     * also switches on Vert.x's form decoding (Netty's decoder, which throws an exception at the end of every
     * body, and a second decode of every field); switched off again before the body arrives, only the raw body
     * is kept. Were the body read whole already, it was decoded and nothing is left to spare.
     */
    static Handler<RoutingContext> rawFormBody(BodyHandler body) {
        return ctx -> {
            body.handle(ctx);
            if (!ctx.request().isEnded()) {
                ctx.request().setExpectMultipart(false);
            }
        };
    }
}

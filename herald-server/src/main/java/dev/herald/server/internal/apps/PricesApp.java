package dev.herald.server.internal.apps;

import io.vertx.ext.web.Router;

/** Stock prices (seed 5.2): {@code GET /api/prices?symbols=…}. */
final class PricesApp implements App {

    private final AppContext context;

    PricesApp(AppContext context) {
        this.context = context;
    }

    @Override
    public void mount(Router router) {
        Apps.redirectToDirectory(router, "/prices");
    }
}

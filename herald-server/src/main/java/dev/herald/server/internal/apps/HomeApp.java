package dev.herald.server.internal.apps;

import io.vertx.ext.web.Router;

/** The home page {@code /}: what Herald is, live counters, links to the applications. */
final class HomeApp implements App {

    private final AppContext context;

    HomeApp(AppContext context) {
        this.context = context;
    }

    @Override
    public void mount(Router router) {
        // The page itself is webroot/index.html; the live counters come next.
    }
}

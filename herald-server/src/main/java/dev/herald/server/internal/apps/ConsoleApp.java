package dev.herald.server.internal.apps;

import io.vertx.ext.web.Router;

/** The console {@code /ui/}: subscribe and publish from a page; it talks to the Mercure endpoint only. */
final class ConsoleApp implements App {

    @Override
    public void mount(Router router) {
        Apps.redirectToDirectory(router, "/ui");
    }
}

package dev.herald.server.internal.apps;

import io.vertx.ext.web.Router;

/** One demo application: its API routes (its page is a static file under {@code webroot/}). */
interface App {

    /** Adds this application's routes to {@code router}. */
    void mount(Router router);

    /** Stops whatever the application runs in the background (feeds, tickers); the server is stopping. */
    default void close() {
    }
}

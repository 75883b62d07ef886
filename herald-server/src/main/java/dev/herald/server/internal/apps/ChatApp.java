package dev.herald.server.internal.apps;

import io.vertx.ext.web.Router;

/** AI chat token streaming (seed 5.1): {@code GET /api/chat?message=…}. */
final class ChatApp implements App {

    private final AppContext context;

    ChatApp(AppContext context) {
        this.context = context;
    }

    @Override
    public void mount(Router router) {
        Apps.redirectToDirectory(router, "/chat");
    }
}

package dev.herald.server.internal.apps;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;

/**
 * Herald's demo applications (the seed's section 5, plus a home page and a console), mounted on the server's
 * router only when they are enabled ({@code --no-apps} turns them off): each application's API routes, then
 * the pages, plain files from the classpath's {@value #WEBROOT}/ directory.
 */
public final class Apps {

    /** The classpath directory holding the applications' pages. */
    public static final String WEBROOT = "webroot";

    private final List<App> apps;

    private Apps(List<App> apps) {
        this.apps = apps;
    }

    /** The applications, sharing {@code context}. */
    public static Apps create(AppContext context) {
        return new Apps(List.of(
                new HomeApp(context),
                new ChatApp(context),
                new PricesApp(context),
                new ConsoleApp(),
                new UploadApp(context),
                new NotificationsApp(context)));
    }

    /** Adds every application's routes, then the static pages, to {@code router}. */
    public void mount(Router router) {
        apps.forEach(app -> app.mount(router));
        router.get().handler(StaticHandler.create(WEBROOT).setCachingEnabled(false).setDirectoryListing(false));
    }

    /** Stops the applications' background work. */
    public void close() {
        apps.forEach(App::close);
    }

    /** Answers GET {@code path} with a redirect to {@code path + "/"}, where the page's directory index is. */
    static void redirectToDirectory(Router router, String path) {
        // The route also matches path + "/" (Vert.x ignores a trailing slash): that one is the page's.
        router.get(path).handler(ctx -> {
            if (ctx.request().path().equals(path)) {
                ctx.redirect(path + "/");
            } else {
                ctx.next();
            }
        });
    }
}

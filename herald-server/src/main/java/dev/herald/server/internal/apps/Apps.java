package dev.herald.server.internal.apps;

import dev.herald.hub.TopicSelector;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Herald's demo applications (the seed's section 5, plus a home page and a console), mounted on the server's
 * router only when they are enabled ({@code --no-apps} turns them off): each application's API routes, then
 * the pages, plain files from the classpath's {@value #WEBROOT}/ directory.
 *
 * <p>The applications' background work (the market feed, chat generation, the stats ticker) runs on one
 * scheduler thread, {@code herald-apps}, which is also where they publish: never on an event loop, since a
 * publish may wait for Redis or the disk, and in one order, so a chat answer's tokens are logged in sequence.
 */
public final class Apps {

    /** The classpath directory holding the applications' pages. */
    public static final String WEBROOT = "webroot";

    /** Topics whose updates the hub conflates for subscribers that fall behind (prices: only the latest matters). */
    public static final List<TopicSelector> CONFLATED_TOPICS = List.of(TopicSelector.parse(PricesApp.TOPICS));

    /** The paths pages may have: any but the API's and the hub's. */
    private static final String PAGES = "/(?!api/|\\.well-known/|herald/|healthz).*";

    private final List<App> apps;
    private final ScheduledExecutorService scheduler;

    private Apps(List<App> apps, ScheduledExecutorService scheduler) {
        this.apps = apps;
        this.scheduler = scheduler;
    }

    /** The applications, sharing {@code context}. */
    public static Apps create(AppContext context) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "herald-apps");
            thread.setDaemon(true);
            return thread;
        });
        return new Apps(List.of(
                new HomeApp(context, scheduler),
                new ChatApp(context, scheduler),
                new PricesApp(context, scheduler),
                new ConsoleApp()), scheduler);
    }

    /** Adds every application's routes, then the static pages, to {@code router}. */
    public void mount(Router router) {
        apps.forEach(app -> app.mount(router));
        // Not under the hub's own prefixes: a GET there that no route takes keeps its 404 or 405 as without pages.
        router.getWithRegex(PAGES).handler(StaticHandler.create(WEBROOT).setCachingEnabled(false).setDirectoryListing(false));
    }

    /** Stops the applications' background work. */
    public void close() {
        apps.forEach(App::close);
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

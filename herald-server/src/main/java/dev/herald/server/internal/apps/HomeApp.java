package dev.herald.server.internal.apps;

import dev.herald.hub.TopicSelector;
import dev.herald.hub.Update;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The home page {@code /} and its live counters: once a second, while anyone follows {@value #TOPIC}, a
 * {@code stats} event with the node's open connections, subscriptions and updates per second is published
 * there; {@code GET /api/stats} is that stream.
 */
final class HomeApp implements App {

    /** The topic of the counters. */
    static final String TOPIC = "/herald/apps/stats";

    private static final List<TopicSelector> SELECTORS = List.of(TopicSelector.parse(TOPIC));

    private final AppContext context;
    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> ticker;
    private long lastCount = -1;

    HomeApp(AppContext context, ScheduledExecutorService scheduler) {
        this.context = context;
        this.scheduler = scheduler;
    }

    @Override
    public void mount(Router router) {
        router.get("/api/stats").handler(this::stream);
        ticker = scheduler.scheduleAtFixedRate(Tasks.guarded("the stats ticker", this::tick), 1, 1, TimeUnit.SECONDS);
    }

    private void stream(RoutingContext ctx) {
        context.streams().open(ctx, SELECTORS, context.authorizer().authorizeSubscribe(ctx.request()), List.of(), null);
    }

    /** On the scheduler thread. */
    private void tick() {
        long count = context.hub().dispatchedCount();
        long perSecond = lastCount < 0 ? 0 : count - lastCount;
        lastCount = count;
        if (context.hub().subscriberCount(TOPIC) == 0) {
            return;
        }
        String data = context.json().createObjectNode()
                .put("connections", context.openConnections().getAsInt())
                .put("subscriptions", context.hub().subscriberCount())
                .put("updatesPerSecond", perSecond)
                .put("updates", count)
                .toString();
        context.hub().publish(Update.of(TOPIC, data).withType("stats"));
        // Its own update is dispatched before the next tick: leave it out, so an idle hub shows 0 updates/s.
        lastCount++;
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }
}

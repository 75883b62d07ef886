package dev.herald.server.internal.apps;

import dev.herald.hub.TopicSelector;
import dev.herald.hub.Update;
import dev.herald.server.internal.http.HttpError;
import dev.herald.sse.SseEvent;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stock prices (seed 5.2): {@code GET /api/prices?symbols=AAPL,GOOGL,BTC} streams {@code priceUpdate} events
 * {@code {symbol, price, change, changePercent}} from a simulated market, the current quotes first. Each symbol
 * is a topic {@code /prices/SYMBOL}, which the hub conflates: a reader that falls behind gets the latest price
 * per symbol, not a backlog. The feed ticks every {@value #TICK_MILLIS} ms, moving each symbol someone follows
 * with even odds (about ten updates a second per symbol); symbols nobody follows cost nothing.
 *
 * <p>A stream starts live, after the current quotes, whatever {@code Last-Event-ID} it carries: for prices the
 * latest value is the whole state, so a reconnecting ticker needs no replay of the moves it missed.
 */
final class PricesApp implements App {

    /** The selector of every symbol's topic. */
    static final String TOPICS = "/prices/{symbol}";
    static final String EVENT_TYPE = "priceUpdate";
    private static final long TICK_MILLIS = 50;

    private final AppContext context;
    private final ScheduledExecutorService scheduler;
    private final MarketFeed feed = new MarketFeed(new Random());
    private volatile Map<String, SseEvent> snapshot = Map.of();
    private ScheduledFuture<?> ticker;

    PricesApp(AppContext context, ScheduledExecutorService scheduler) {
        this.context = context;
        this.scheduler = scheduler;
    }

    static String topic(String symbol) {
        return "/prices/" + symbol;
    }

    @Override
    public void mount(Router router) {
        Apps.redirectToDirectory(router, "/prices");
        router.get("/api/prices").handler(this::prices);
        snapshot = quotes(MarketFeed.symbols());
        ticker = scheduler.scheduleAtFixedRate(Tasks.guarded("the market feed", this::tick),
                TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void prices(RoutingContext ctx) {
        var claims = context.authorizer().authorizeSubscribe(ctx.request());
        Set<String> symbols = symbols(ctx.request().getParam("symbols"));
        List<TopicSelector> selectors = symbols.stream().map(symbol -> TopicSelector.parse(topic(symbol))).toList();
        Map<String, SseEvent> quotes = snapshot;
        List<SseEvent> current = symbols.stream().map(quotes::get).toList();
        context.streams().open(ctx, selectors, claims, current, null);
    }

    /** The requested symbols, upper-cased, in order; 400 naming the known ones when one is unknown. */
    static Set<String> symbols(String param) {
        Set<String> known = MarketFeed.symbols();
        if (param == null || param.isBlank()) {
            throw HttpError.badRequest("symbols is required, e.g. /api/prices?symbols=AAPL,GOOGL,BTC; known symbols: "
                    + String.join(",", known));
        }
        Set<String> symbols = new LinkedHashSet<>();
        for (String part : param.split(",")) {
            String symbol = part.strip().toUpperCase(Locale.ROOT);
            if (!known.contains(symbol)) {
                throw HttpError.badRequest("unknown symbol '" + abbreviate(part.strip()) + "'; known symbols: "
                        + String.join(",", known));
            }
            symbols.add(symbol);
        }
        return symbols;
    }

    /** On the scheduler thread: moves and publishes the symbols someone follows. */
    private void tick() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (String symbol : MarketFeed.symbols()) {
            if (random.nextBoolean() && context.hub().subscriberCount(topic(symbol)) > 0) {
                MarketFeed.Quote quote = feed.move(symbol);
                context.hub().publish(new Update(List.of(topic(symbol)), json(quote), null, EVENT_TYPE, null, false));
            }
        }
        snapshot = quotes(MarketFeed.symbols());
    }

    /** The current quotes, as the first events of a new stream (without ids: they are not in the log). */
    private Map<String, SseEvent> quotes(Set<String> symbols) {
        Map<String, SseEvent> events = new LinkedHashMap<>();
        for (String symbol : symbols) {
            events.put(symbol, SseEvent.of(EVENT_TYPE, json(feed.quote(symbol))));
        }
        return java.util.Collections.unmodifiableMap(events);
    }

    private String json(MarketFeed.Quote quote) {
        return context.json().createObjectNode()
                .put("symbol", quote.symbol())
                .put("price", quote.price())
                .put("change", quote.change())
                .put("changePercent", quote.changePercent())
                .toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "…";
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }
}

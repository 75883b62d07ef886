package dev.herald.server.internal.apps;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A simulated market: each symbol's price takes a small random step on each tick it moves. Cheap enough to
 * tick many times a second; not thread-safe (the scheduler thread owns it).
 */
final class MarketFeed {

    /** One symbol's quote after a move. */
    record Quote(String symbol, double price, double change, double changePercent) {
    }

    private static final Map<String, Double> OPENING = openingPrices();

    private final Map<String, Double> prices = new LinkedHashMap<>(OPENING);
    private final Random random;

    MarketFeed(Random random) {
        this.random = random;
    }

    /** The symbols traded, in display order. */
    static Set<String> symbols() {
        return OPENING.keySet();
    }

    /** The current quote of {@code symbol} (a change of 0 when it has not moved yet). */
    Quote quote(String symbol) {
        double price = prices.get(symbol);
        return new Quote(symbol, price, 0, percent(symbol, price));
    }

    /** Moves {@code symbol} by a random step of up to 0.2% and returns its new quote. */
    Quote move(String symbol) {
        double before = prices.get(symbol);
        double step = before * (random.nextGaussian() * 0.0007);
        double after = round(Math.max(0.01, before + step));
        prices.put(symbol, after);
        return new Quote(symbol, after, round(after - before), percent(symbol, after));
    }

    private static double percent(String symbol, double price) {
        double open = OPENING.get(symbol);
        return Math.round((price - open) / open * 10_000) / 100.0;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static Map<String, Double> openingPrices() {
        Map<String, Double> opening = new LinkedHashMap<>();
        opening.put("AAPL", 189.50);
        opening.put("GOOGL", 141.20);
        opening.put("MSFT", 378.90);
        opening.put("AMZN", 153.40);
        opening.put("TSLA", 242.10);
        opening.put("NVDA", 481.30);
        opening.put("BTC", 43_250.00);
        opening.put("ETH", 2_280.00);
        return java.util.Collections.unmodifiableMap(opening);
    }
}

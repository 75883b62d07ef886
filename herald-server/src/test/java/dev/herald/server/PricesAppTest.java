package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.sse.MessageEvent;
import dev.herald.testkit.SseRecorder;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The prices application over HTTP: seed 5.2's {@code priceUpdate} events and its refusals. */
class PricesAppTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static HeraldFixture hub;

    @BeforeAll
    static void start() {
        hub = HeraldFixture.start(HeraldFixture.base().withApps(true));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static JsonNode json(MessageEvent event) {
        try {
            return JSON.readTree(event.data());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + event.data(), e);
        }
    }

    @Test
    void pricesStreamsTheCurrentQuotesThenLiveUpdatesOfTheRequestedSymbols() {
        try (SseRecorder prices = SseRecorder.open(hub.http, hub.uri("/api/prices?symbols=AAPL,googl,BTC"), Map.of())) {
            assertThat(prices.status()).isEqualTo(200);
            List<MessageEvent> first = prices.next(3);
            assertThat(first).extracting(event -> json(event).get("symbol").asText()).containsExactly("AAPL", "GOOGL", "BTC");

            Set<String> moved = new HashSet<>();
            while (moved.size() < 3) {
                MessageEvent update = prices.next(Duration.ofSeconds(10));
                assertThat(update.type()).isEqualTo("priceUpdate");
                assertThat(update.lastEventId()).as("live updates come from the log, with ids").isNotEmpty();
                JsonNode quote = json(update);
                assertThat(quote.get("symbol").asText()).isIn("AAPL", "GOOGL", "BTC");
                assertThat(quote.get("price").asDouble()).isPositive();
                assertThat(quote.has("change")).isTrue();
                moved.add(quote.get("symbol").asText());
            }
        }
    }

    @Test
    void unknownSymbolsAreRefusedListingTheKnownOnes() {
        HttpResponse<String> unknown = hub.get("/api/prices?symbols=AAPL,NOPE");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown symbol 'NOPE'").contains("AAPL,GOOGL,MSFT,AMZN,TSLA,NVDA,BTC,ETH");
        HttpResponse<String> none = hub.get("/api/prices");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("symbols is required").contains("BTC");
    }
}

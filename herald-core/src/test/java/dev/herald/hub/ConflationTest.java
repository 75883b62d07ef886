package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.log.MemoryEventLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Conflated topics: a subscriber that falls behind gets the latest update per topic and type, in log order. */
class ConflationTest {

    private static final String PRICES = "/prices/{symbol}";
    private static final String NEWS = "/news/{id}";
    private static final int BUDGET = 4 * 1024;

    private final Hub hub = new Hub(new MemoryEventLog(), new InlineBroker(),
            HubOptions.defaults().withOutboundBudget(BUDGET).withConflatedTopics(List.of(TopicSelector.parse(PRICES))),
            Runnable::run, System::nanoTime);

    @AfterEach
    void closeHub() {
        hub.close();
    }

    private RecordingSink subscribe(SubscribeRequest request) {
        RecordingSink sink = new RecordingSink();
        sink.subscribe(hub, request);
        return sink;
    }

    private static SubscribeRequest following(String... selectors) {
        return SubscribeRequest.live(java.util.Arrays.stream(selectors).map(TopicSelector::parse).toList());
    }

    private void publish(String topic, String id) {
        hub.publish(Update.of(topic, "value of " + id).withId(id));
    }

    private void publish(String topic, String id, String type) {
        hub.publish(Update.of(topic, "value of " + id).withId(id).withType(type));
    }

    @Test
    void aSubscriberThatHasNotReadGetsOnlyTheLatestUpdatePerTopicInLogOrder() {
        RecordingSink slow = subscribe(following(PRICES));

        publish("/prices/AAPL", "aapl-1");
        publish("/prices/GOOG", "goog-1");
        publish("/prices/AAPL", "aapl-2");
        publish("/prices/BTC", "btc-1");
        publish("/prices/GOOG", "goog-2");
        publish("/prices/AAPL", "aapl-3");

        assertThat(slow.ids()).containsExactly("btc-1", "goog-2", "aapl-3");
        assertThat(slow.events()).last().asString().endsWith("data: value of aapl-3");
    }

    @Test
    void aSubscriberThatKeepsUpGetsEveryUpdate() {
        RecordingSink reader = subscribe(following(PRICES));
        List<String> published = new ArrayList<>();

        for (int i = 1; i <= 50; i++) {
            String id = "aapl-" + i;
            publish("/prices/AAPL", id);
            published.add(id);
            reader.drain();
        }

        assertThat(reader.ids()).containsExactlyElementsOf(published);
    }

    @Test
    void updatesOnTopicsThatAreNotConflatedAreAllKeptAroundConflatedOnes() {
        RecordingSink slow = subscribe(following(PRICES, NEWS));

        publish("/news/1", "news-1");
        publish("/prices/AAPL", "aapl-1");
        publish("/news/1", "news-2");
        publish("/prices/AAPL", "aapl-2");
        publish("/news/2", "news-3");

        assertThat(slow.ids()).containsExactly("news-1", "news-2", "aapl-2", "news-3");
    }

    @Test
    void eventsOfAnotherTypeOnTheSameTopicDoNotReplaceEachOther() {
        RecordingSink slow = subscribe(following(PRICES));

        publish("/prices/AAPL", "tick-1", "priceUpdate");
        publish("/prices/AAPL", "halt-1", "tradingHalted");
        publish("/prices/AAPL", "tick-2", "priceUpdate");

        assertThat(slow.ids()).containsExactly("halt-1", "tick-2");
    }

    @Test
    void aSlowSubscriberOfAFewConflatedTopicsIsNeverCutHoweverManyUpdatesArrive() {
        RecordingSink slow = subscribe(following(PRICES));

        for (int i = 1; i <= 2_000; i++) {
            publish("/prices/AAPL", "aapl-" + i);
            publish("/prices/GOOG", "goog-" + i);
        }

        assertThat(slow.closes()).isEmpty();
        assertThat(slow.ids()).containsExactly("aapl-2000", "goog-2000");
    }

    @Test
    void theBudgetStillCutsASlowSubscriberOfTopicsThatAreNotConflated() {
        RecordingSink slow = subscribe(following(PRICES, NEWS));

        for (int i = 1; i <= 200; i++) {
            publish("/prices/AAPL", "aapl-" + i);
            publish("/news/1", "news-" + i);
        }

        assertThat(slow.closes()).containsExactly(CloseReason.SLOW_CONSUMER);
        assertThat(slow.poll()).as("its waiting bytes are dropped").isNull();
    }

    @Test
    void theBudgetStillCutsASlowSubscriberOfMoreConflatedTopicsThanItHoldsBytesFor() {
        RecordingSink slow = subscribe(following(PRICES));

        // ~60 bytes each: 200 distinct symbols are three times the budget, even with one update each.
        for (int i = 1; i <= 200; i++) {
            publish("/prices/S" + i, "s-" + i);
        }

        assertThat(slow.closes()).containsExactly(CloseReason.SLOW_CONSUMER);
    }

    @Test
    void aResumingSubscriberGetsItsHistoryConflatedToo() {
        publish("/prices/AAPL", "aapl-1");
        publish("/news/1", "news-1");
        publish("/prices/AAPL", "aapl-2");
        publish("/prices/GOOG", "goog-1");
        publish("/prices/AAPL", "aapl-3");

        RecordingSink resumed = subscribe(following(PRICES, NEWS).resumingAfter("aapl-1"));

        assertThat(resumed.ids()).containsExactly("news-1", "goog-1", "aapl-3");
    }

    @Test
    void withoutConflatedTopicsEveryUpdateWaitsForASlowSubscriber() {
        try (Hub plain = new Hub(new MemoryEventLog(), new InlineBroker(), HubOptions.defaults(), Runnable::run, System::nanoTime)) {
            RecordingSink slow = new RecordingSink();
            slow.subscribe(plain, following(PRICES));

            plain.publish(Update.of("/prices/AAPL", "1").withId("aapl-1"));
            plain.publish(Update.of("/prices/AAPL", "2").withId("aapl-2"));

            assertThat(slow.ids()).containsExactly("aapl-1", "aapl-2");
        }
    }
}

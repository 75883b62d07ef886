package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.LocalBroker;
import dev.herald.log.MemoryEventLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlowConsumerTest {

    private static final String TOPIC = "https://example.com/prices/ACME";
    private static final SubscribeRequest PRICES = SubscribeRequest.live(List.of(TopicSelector.parse(TOPIC)));
    private static final int BUDGET = 8 * 1024;
    private static final String PAYLOAD = "p".repeat(100);

    private final Hub hub = new Hub(new MemoryEventLog(), new LocalBroker(),
            HubOptions.defaults().withOutboundBudget(BUDGET), Runnable::run, System::nanoTime);
    private final List<String> published = new ArrayList<>();

    @AfterEach
    void closeHub() {
        hub.close();
    }

    private RecordingSink subscribe(SubscribeRequest request) {
        RecordingSink sink = new RecordingSink();
        sink.subscribe(hub, request);
        return sink;
    }

    /** Publishes one update and waits until {@code reader}, which keeps up, has it. */
    private String publishInStepWith(RecordingSink reader) {
        String id = hub.publish(Update.of(TOPIC, PAYLOAD).withId("u" + (published.size() + 1))).id();
        published.add(id);
        Eventually.until(Eventually.DEFAULT, () -> reader.hasReceived(id), () -> id + " at the reader that keeps up");
        return id;
    }

    @Test
    void aSubscriberThatStopsReadingIsCutWhileOthersReceiveEverythingAndItResumesWithoutLoss() {
        RecordingSink keepsUp = subscribe(PRICES);
        RecordingSink stops = subscribe(PRICES);
        for (int i = 0; i < 3; i++) {
            publishInStepWith(keepsUp);
        }
        Eventually.until("the first three at the reader that will stop", () -> stops.ids().size() == 3);
        String lastRead = stops.ids().get(2);

        // It stops reading: ~20 KB arrive for an 8 KB budget.
        for (int i = 0; i < 200; i++) {
            publishInStepWith(keepsUp);
        }

        Eventually.until("the hub to cut the reader that stopped", () -> !stops.closes().isEmpty());
        assertThat(stops.closes()).containsExactly(CloseReason.SLOW_CONSUMER);
        assertThat(stops.subscription().isClosed()).isTrue();
        assertThat(stops.subscription().closeReason()).isEqualTo(CloseReason.SLOW_CONSUMER);
        assertThat(stops.poll()).as("its unwritten bytes are dropped, not kept against the heap").isNull();
        assertThat(hub.subscriberCount()).isEqualTo(1);
        assertThat(hub.subscriberCount(TOPIC)).isEqualTo(1);
        assertThat(keepsUp.ids()).containsExactlyElementsOf(published);
        assertThat(keepsUp.subscription().isClosed()).isFalse();

        RecordingSink resumed = subscribe(PRICES.resumingAfter(lastRead));
        publishInStepWith(keepsUp);
        Eventually.until(Eventually.DEFAULT, () -> resumed.ids().size() >= published.size() - 3,
                () -> "the rest after " + lastRead + ", got " + resumed.ids().size());
        assertThat(resumed.ids()).containsExactlyElementsOf(published.subList(3, published.size()));
        assertThat(resumed.subscription().missedHistory()).isFalse();
    }

    @Test
    void aSubscriberThatReadsSlowlyButWithinItsBudgetIsNeverCut() {
        RecordingSink reader = subscribe(PRICES);
        RecordingSink lagging = subscribe(PRICES);

        // Half a budget at a time: it falls behind, then reads everything waiting, again and again.
        int perBurst = BUDGET / 2 / (PAYLOAD.length() + 20);
        for (int burst = 0; burst < 10; burst++) {
            for (int i = 0; i < perBurst; i++) {
                publishInStepWith(reader);
            }
            lagging.drain();
        }

        String last = published.get(published.size() - 1);
        Eventually.until("the last update at the lagging reader", () -> lagging.hasReceived(last));
        assertThat(lagging.closes()).isEmpty();
        assertThat(lagging.ids()).containsExactlyElementsOf(published);
    }
}

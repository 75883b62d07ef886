package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.log.LogEntry;
import dev.herald.log.MemoryEventLog;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The hub tells its listener what it did: once per update or subscription event, never once per subscriber. */
class HubListenerTest {

    private static final List<TopicSelector> BOOKS = List.of(TopicSelector.parse("/books/{id}"));

    /** Records every call as a line. */
    private static final class Recorder implements HubListener {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void published(LogEntry entry) {
            calls.add("published " + entry.id());
        }

        @Override
        public void dispatched(LogEntry entry, int deliveries) {
            calls.add("dispatched " + entry.id() + " to " + deliveries);
        }

        @Override
        public void bufferedDelivered(int count) {
            calls.add("buffered " + count);
        }

        @Override
        public void subscribed(Subscription subscription, boolean resuming) {
            calls.add("subscribed resuming=" + resuming);
        }

        @Override
        public void replayed(int count) {
            calls.add("replayed " + count);
        }

        @Override
        public void historyGap() {
            calls.add("gap");
        }

        @Override
        public void closed(Subscription subscription, CloseReason reason) {
            calls.add("closed " + reason);
        }
    }

    @Test
    void publishesFanOutsReplaysGapsAndClosesAreEachReportedOnce() {
        Recorder listener = new Recorder();
        Hub hub = new Hub(new MemoryEventLog(), new InlineBroker(), HubOptions.defaults(), Runnable::run, System::nanoTime, listener);
        RecordingSink first = new RecordingSink();
        RecordingSink second = new RecordingSink();
        first.subscribe(hub, SubscribeRequest.live(BOOKS));
        second.subscribe(hub, SubscribeRequest.live(BOOKS));
        hub.publish(Update.of("/books/1", "a").withId("a"));
        hub.publish(Update.of("/authors/1", "b").withId("b"));
        hub.publish(Update.of("/books/2", "c").withId("c"));
        hub.publish(Update.of("/books/2", "c again").withId("c")); // a retried duplicate: not published again

        RecordingSink resumed = new RecordingSink();
        resumed.subscribe(hub, new SubscribeRequest(BOOKS, List.of(), "a"));
        RecordingSink lost = new RecordingSink();
        lost.subscribe(hub, new SubscribeRequest(BOOKS, List.of(), "unknown"));
        first.subscription().cancel();
        hub.close(CloseReason.SHUTDOWN);

        assertThat(listener.calls).containsExactly(
                "subscribed resuming=false",
                "subscribed resuming=false",
                "published a", "dispatched a to 2",
                "published b", "dispatched b to 0",
                "published c", "dispatched c to 2",
                "subscribed resuming=true", "replayed 1",
                "subscribed resuming=true", "gap", "replayed 2",
                "closed CLIENT_GONE",
                "closed SHUTDOWN", "closed SHUTDOWN", "closed SHUTDOWN");
    }

    @Test
    void aSlowConsumerIsReportedClosedOnceAndTheUpdateThatOverflowedIsNotDelivered() {
        Recorder listener = new Recorder();
        Hub hub = new Hub(new MemoryEventLog(), new InlineBroker(), HubOptions.defaults().withOutboundBudget(1024),
                Runnable::run, System::nanoTime, listener);
        RecordingSink slow = new RecordingSink();
        slow.subscribe(hub, SubscribeRequest.live(BOOKS));
        hub.publish(Update.of("/books/1", "x".repeat(600)).withId("1"));
        hub.publish(Update.of("/books/1", "y".repeat(600)).withId("2"));
        hub.publish(Update.of("/books/1", "z").withId("3"));
        hub.close();

        assertThat(listener.calls).containsExactly(
                "subscribed resuming=false",
                "published 1", "dispatched 1 to 1",
                "published 2", "closed SLOW_CONSUMER", "dispatched 2 to 0",
                "published 3", "dispatched 3 to 0");
    }
}

package dev.herald.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.broker.Broker;
import dev.herald.hub.Update;
import dev.herald.log.LogEntry;
import dev.herald.testkit.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Broker} promises (see its Javadoc), as tests. An implementation's test extends
 * this class and says how to make a broker and how a node publishes through it: hand-off brokers get the
 * appended entry, log-tailing brokers find it in the log.
 */
public abstract class BrokerContract {

    private final List<Broker> opened = new ArrayList<>();

    /** A new broker, not started, over a log that is empty or whose head is given by {@link #head()}. */
    protected abstract Broker newBroker();

    /** Appends {@code update} to the log behind the brokers and hands it over as the hub would; returns its entry. */
    protected abstract LogEntry publish(Broker broker, Update update);

    /** The log's head position now, where a hub would start its broker. */
    protected abstract long head();

    /** A broker opened through {@link #newBroker} and closed after the test. */
    protected final Broker broker() {
        Broker broker = newBroker();
        opened.add(broker);
        return broker;
    }

    @AfterEach
    void closeBrokers() {
        opened.forEach(Broker::close);
    }

    private static Update update(int n) {
        return Update.of("https://example.com/t", "data " + n).withId("id-" + n);
    }

    @Test
    void deliversEveryEntryOnceInPositionOrderOneAtATime() {
        Broker broker = broker();
        List<LogEntry> delivered = new CopyOnWriteArrayList<>();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        broker.start(head(), entry -> {
            if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            delivered.add(entry);
            inside.decrementAndGet();
        });

        List<LogEntry> published = new ArrayList<>();
        for (int n = 1; n <= 300; n++) {
            published.add(publish(broker, update(n)));
        }

        Await.until(() -> delivered.size() >= 300, "300 entries delivered");
        assertThat(delivered).containsExactlyElementsOf(published);
        assertThat(delivered.stream().map(LogEntry::position).toList()).isSorted().doesNotHaveDuplicates();
        assertThat(overlaps).as("deliveries that overlapped another").hasValue(0);
    }

    @Test
    void aDeliveredEntryCarriesTheWholeUpdate() {
        Broker broker = broker();
        List<LogEntry> delivered = new CopyOnWriteArrayList<>();
        broker.start(head(), delivered::add);
        Update full = new Update(List.of("https://example.com/a", "https://example.com/b"), "x\ny", "full", "kind", 10L, true);

        LogEntry entry = publish(broker, full);

        Await.until(() -> delivered.size() == 1, "the entry delivered");
        assertThat(delivered.get(0).update()).isEqualTo(full);
        assertThat(delivered.get(0).wire()).isEqualTo(entry.wire());
    }

    @Test
    void aThrowingListenerDoesNotStopDelivery() {
        Broker broker = broker();
        List<String> delivered = new CopyOnWriteArrayList<>();
        broker.start(head(), entry -> {
            delivered.add(entry.id());
            if (delivered.size() % 2 == 0) {
                throw new IllegalStateException("listener failure on purpose (expected in this test's output)");
            }
        });

        for (int n = 1; n <= 5; n++) {
            publish(broker, update(n));
        }

        Await.until(() -> delivered.size() == 5, "all 5 entries offered despite failures");
        assertThat(delivered).containsExactly("id-1", "id-2", "id-3", "id-4", "id-5");
    }

    @Test
    void startingTwiceIsRefused() {
        Broker broker = broker();
        broker.start(head(), entry -> { });

        assertThatThrownBy(() -> broker.start(head(), entry -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already started");
    }

    @Test
    void afterCloseNothingMoreIsDelivered() {
        Broker broker = broker();
        List<String> delivered = new CopyOnWriteArrayList<>();
        broker.start(head(), entry -> delivered.add(entry.id()));
        publish(broker, update(1));
        Await.until(() -> delivered.size() == 1, "the first entry delivered");

        broker.close();
        Broker other = broker();
        List<String> deliveredByOther = new CopyOnWriteArrayList<>();
        other.start(head(), entry -> deliveredByOther.add(entry.id()));
        publish(other, update(2));
        publish(other, update(3));

        // Once a live broker has delivered both, the closed one has had every chance to deliver them too.
        Await.until(() -> deliveredByOther.contains("id-3"), "a live broker to deliver the later entries");
        assertThat(delivered).containsExactly("id-1");
    }
}

package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.log.MemoryEventLog;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HeartbeatsTest {

    private static final String TOPIC = "https://example.com/quiet";
    private static final long INTERVAL_MILLIS = 1_000;
    private static final String HEARTBEAT = ":\n\n";

    /** The fake nano clock: only the test moves it. */
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    // The inline broker makes a publish reach the outbox before it returns, so nothing here waits.
    private final Hub hub =
            new Hub(new MemoryEventLog(), new InlineBroker(), HubOptions.defaults(), Runnable::run, now::get);
    private final Heartbeats heartbeats = new Heartbeats(hub, INTERVAL_MILLIS);

    @AfterEach
    void closeHub() {
        hub.close();
    }

    private void advanceMillis(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private RecordingSink subscribe() {
        RecordingSink sink = new RecordingSink();
        sink.subscribe(hub, SubscribeRequest.live(List.of(TopicSelector.parse(TOPIC))));
        return sink;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void noHeartbeatBeforeTheInterval() {
        RecordingSink sink = subscribe();
        advanceMillis(INTERVAL_MILLIS - 1);

        assertThat(heartbeats.sweep()).isZero();
        assertThat(sink.poll()).isNull();
        assertThat(sink.readySignals()).isZero();
    }

    @Test
    void oneHeartbeatOnceIdleForTheIntervalThenNoneUntilIdleAgain() {
        RecordingSink sink = subscribe();
        advanceMillis(INTERVAL_MILLIS);

        assertThat(heartbeats.sweep()).isEqualTo(1);
        assertThat(sink.readySignals()).isEqualTo(1);
        assertThat(heartbeats.sweep()).as("a second sweep at the same instant").isZero();
        assertThat(text(sink.poll())).isEqualTo(HEARTBEAT);
        assertThat(sink.poll()).isNull();

        advanceMillis(INTERVAL_MILLIS - 1);
        assertThat(heartbeats.sweep()).isZero();
        advanceMillis(1);
        assertThat(heartbeats.sweep()).isEqualTo(1);
        assertThat(text(sink.poll())).isEqualTo(HEARTBEAT);
    }

    @Test
    void noHeartbeatWhileTheOutboxHoldsBytes() {
        RecordingSink sink = subscribe();
        String id = hub.publish(Update.of(TOPIC, "waiting")).id();

        advanceMillis(5 * INTERVAL_MILLIS);

        assertThat(heartbeats.sweep()).as("heartbeats queued").isZero();
        assertThat(sink.events()).containsExactly("id: " + id + "\ndata: waiting");
    }

    @Test
    void aPollThatTakesBytesResetsIdlenessAndAnEmptyPollDoesNot() {
        RecordingSink sink = subscribe();
        advanceMillis(800);
        hub.publish(Update.of(TOPIC, "news"));
        assertThat(sink.poll()).isNotNull();

        advanceMillis(800);
        assertThat(heartbeats.sweep()).as("800 ms after the last write").isZero();
        assertThat(sink.poll()).isNull();
        advanceMillis(200);
        assertThat(heartbeats.sweep()).as("1000 ms after the last write, an empty poll between").isEqualTo(1);
        assertThat(text(sink.poll())).isEqualTo(HEARTBEAT);
    }

    @Test
    void eachIdleSubscriptionGetsItsOwnHeartbeatAndClosedOnesNone() {
        RecordingSink idle = subscribe();
        RecordingSink busy = subscribe();
        RecordingSink gone = subscribe();
        gone.subscription().cancel();
        advanceMillis(INTERVAL_MILLIS);
        hub.publish(Update.of(TOPIC, "for both"));
        idle.drain();

        assertThat(heartbeats.sweep()).isEqualTo(0);
        advanceMillis(INTERVAL_MILLIS);
        assertThat(heartbeats.sweep()).as("idle drained a second ago; busy still holds bytes").isEqualTo(1);
        assertThat(idle.events()).endsWith(":");
        assertThat(busy.events()).noneMatch(":"::equals);
        assertThat(gone.poll()).isNull();
    }

    @Test
    void sweepsRunFourTimesPerIntervalButNeverLessThanEveryMillisecond() {
        assertThat(heartbeats.sweepPeriodMillis()).isEqualTo(250);
        assertThat(new Heartbeats(hub, 15_000).sweepPeriodMillis()).isEqualTo(3_750);
        assertThat(new Heartbeats(hub, 2).sweepPeriodMillis()).isEqualTo(1);
    }

    @Test
    void rejectsAnIntervalThatIsNotPositive() {
        assertThatThrownBy(() -> new Heartbeats(hub, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heartbeat interval must be > 0 ms, got 0");
        assertThatThrownBy(() -> new Heartbeats(hub, -5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heartbeat interval must be > 0 ms, got -5");
    }
}

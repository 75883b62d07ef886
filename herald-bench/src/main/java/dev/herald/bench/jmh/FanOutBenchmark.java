package dev.herald.bench.jmh;

import dev.herald.broker.Broker;
import dev.herald.hub.CloseReason;
import dev.herald.hub.Hub;
import dev.herald.hub.HubOptions;
import dev.herald.hub.SubscribeRequest;
import dev.herald.hub.Subscription;
import dev.herald.hub.SubscriptionSink;
import dev.herald.hub.TopicSelector;
import dev.herald.hub.Update;
import dev.herald.log.LogEntry;
import dev.herald.log.MemoryEventLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One publish fanned out to N subscribers of its topic (plus as many following other topics), each outbox
 * then drained as a transport would: the hub's whole in-process cost per update, without sockets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FanOutBenchmark {

    @Param({"1000", "10000"})
    public int subscribers;

    private Hub hub;
    private final List<Subscription> matching = new ArrayList<>();
    private Update update;

    /** Delivers on the publisher's thread, so the benchmark measures fan-out rather than a thread hop. */
    static final class InlineBroker implements Broker {
        private Consumer<LogEntry> listener;

        @Override
        public void start(Consumer<LogEntry> deliverTo) {
            listener = deliverTo;
        }

        @Override
        public void publish(LogEntry entry) {
            listener.accept(entry);
        }

        @Override
        public void close() {
        }
    }

    private static final SubscriptionSink QUIET = new SubscriptionSink() {
        @Override
        public void onReady() {
        }

        @Override
        public void onClosed(CloseReason reason) {
        }
    };

    @Setup
    public void setUp() {
        hub = new Hub(new MemoryEventLog(1000, 64L << 20), new InlineBroker(), HubOptions.defaults(), Runnable::run, System::nanoTime);
        for (int i = 0; i < subscribers; i++) {
            matching.add(hub.subscribe(SubscribeRequest.live(List.of(TopicSelector.parse("/prices/AAPL"))), QUIET));
            hub.subscribe(SubscribeRequest.live(List.of(TopicSelector.parse("/prices/other-" + i))), QUIET);
        }
        update = Update.of("/prices/AAPL", "{\"symbol\":\"AAPL\",\"price\":187.42,\"change\":-0.31}");
    }

    /** What each subscription's poll hands over, reused as a transport's event loop reuses its batch. */
    private final List<byte[]> taken = new ArrayList<>();

    @TearDown
    public void tearDown() {
        hub.close();
    }

    @Benchmark
    public int publishAndDrain() {
        hub.publish(update);
        int bytes = 0;
        for (Subscription subscription : matching) {
            subscription.poll(64 * 1024, taken);
            for (int i = 0; i < taken.size(); i++) {
                bytes += taken.get(i).length;
            }
            taken.clear();
        }
        return bytes;
    }
}

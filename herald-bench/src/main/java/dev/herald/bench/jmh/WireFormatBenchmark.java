package dev.herald.bench.jmh;

import dev.herald.sse.MessageEvent;
import dev.herald.sse.SseEncoder;
import dev.herald.sse.SseEvent;
import dev.herald.sse.SseListener;
import dev.herald.sse.SseParser;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** Encoding one typical event, and parsing a 100-event stream fed in 1 KiB chunks. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WireFormatBenchmark {

    private SseEvent event;
    private byte[] stream;

    @Setup
    public void setUp() {
        event = new SseEvent("urn:uuid:5b9d7a48-2c1f-4a3e-9c77-0f1e2d3c4b5a", "priceUpdate",
                "{\"symbol\":\"AAPL\",\"price\":187.42,\"change\":-0.31,\"ts\":1732500000000}", null, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 100; i++) {
            out.writeBytes(SseEncoder.encode(event.withId("id-" + i)));
        }
        stream = out.toByteArray();
    }

    @Benchmark
    public byte[] encodeOneEvent() {
        return SseEncoder.encode(event);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void parseHundredEventsInKilobyteChunks(Blackhole hole) {
        SseParser parser = new SseParser(new SseListener() {
            @Override
            public void onEvent(MessageEvent e) {
                hole.consume(e);
            }
        });
        for (int offset = 0; offset < stream.length; offset += 1024) {
            parser.feed(stream, offset, Math.min(1024, stream.length - offset));
        }
    }
}

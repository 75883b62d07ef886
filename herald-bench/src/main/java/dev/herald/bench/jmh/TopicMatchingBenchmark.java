package dev.herald.bench.jmh;

import dev.herald.hub.TopicSelector;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The cost of matching one published topic against one selector of each kind. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TopicMatchingBenchmark {

    private final TopicSelector exact = TopicSelector.parse("https://example.com/books/1234");
    private final TopicSelector template = TopicSelector.parse("https://example.com/books/{id}");
    private final TopicSelector twoVariables = TopicSelector.parse("https://example.com/{collection}/{id}");
    private final String topic = "https://example.com/books/1234";
    private final String other = "https://example.com/authors/99";

    @Benchmark
    public boolean exactMatch() {
        return exact.matches(topic);
    }

    @Benchmark
    public boolean templateMatch() {
        return template.matches(topic);
    }

    @Benchmark
    public boolean templateMiss() {
        return template.matches(other);
    }

    @Benchmark
    public boolean twoVariableTemplateMatch() {
        return twoVariables.matches(topic);
    }
}

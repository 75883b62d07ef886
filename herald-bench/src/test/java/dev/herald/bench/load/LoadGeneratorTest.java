package dev.herald.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The generator's accounting against {@link TinySseServer}, which loses and doubles updates on purpose. */
class LoadGeneratorTest {

    @ParameterizedTest
    @CsvSource({"seed, 1", "mercure, 3", "nchan, 3"})
    void countsEveryDeliveryOnEachProtocol(String protocol, int topics) throws Exception {
        try (TinySseServer server = new TinySseServer(0, 0)) {
            List<JsonObject> lines = run(server, "--protocol", protocol, "--topics", Integer.toString(topics),
                    "--subscribers", "12", "--rate", "20", "--duration", "2");

            JsonObject line = lines.get(0);
            assertThat(line.getLong("connected")).isEqualTo(12);
            assertThat(line.getLong("published")).isEqualTo(40);
            // Each update reaches the subscribers of its topic: 12 / topics of them.
            assertThat(line.getLong("expected")).isEqualTo(40L * 12 / topics);
            assertThat(line.getLong("delivered")).isEqualTo(line.getLong("expected"));
            assertThat(line.getLong("lost")).isZero();
            assertThat(line.getLong("duplicates")).isZero();
            assertThat(line.getLong("unanswered")).isZero();
        }
    }

    @Test
    void updatesAcceptedButNeverDeliveredAreLost() throws Exception {
        try (TinySseServer server = new TinySseServer(4, 0)) {
            JsonObject line = run(server, "--protocol", "seed", "--subscribers", "10", "--rate", "20", "--duration", "2").get(0);

            assertThat(line.getLong("published")).isEqualTo(40);
            assertThat(line.getLong("expected")).isEqualTo(400);
            assertThat(line.getLong("lost")).isEqualTo(10 * 10); // 10 of 40 dropped, for each of 10 subscribers
            assertThat(line.getLong("delivered")).isEqualTo(300);
        }
    }

    @Test
    void doublesAreCountedApartAndDoNotHideLosses() throws Exception {
        try (TinySseServer server = new TinySseServer(4, 5)) {
            JsonObject line = run(server, "--protocol", "seed", "--subscribers", "10", "--rate", "20", "--duration", "2").get(0);

            // Of updates 1..40, every 4th is dropped (10) and every 5th not dropped is doubled (5, 15, 25, 35 and 10, 30 are dropped...).
            long doubled = java.util.stream.IntStream.rangeClosed(1, 40).filter(n -> n % 4 != 0 && n % 5 == 0).count();
            assertThat(line.getLong("duplicates")).isEqualTo(doubled * 10);
            assertThat(line.getLong("lost")).isEqualTo(100);
            assertThat(line.getLong("delivered")).isEqualTo(300);
        }
    }

    @Test
    void publishesNeverAnsweredAreCountedAndNotExpected() throws Exception {
        try (TinySseServer server = new TinySseServer(0, 0, 8)) {
            JsonObject line = run(server, "--protocol", "seed", "--subscribers", "5", "--rate", "20", "--duration", "2").get(0);

            assertThat(line.getLong("unanswered")).isEqualTo(5);
            assertThat(line.getLong("published")).isEqualTo(35);
            assertThat(line.getLong("expected")).isEqualTo(35 * 5);
            assertThat(line.getLong("lost")).isZero();
        }
    }

    @Test
    void slowSubscribersAreLeftOutOfTheExpectedDeliveries() throws Exception {
        try (TinySseServer server = new TinySseServer(0, 0)) {
            JsonObject line = run(server, "--protocol", "seed", "--subscribers", "10", "--slow-fraction", "0.2",
                    "--rate", "20", "--duration", "2").get(0);

            assertThat(line.getLong("slow")).isEqualTo(2);
            assertThat(line.getLong("expected")).isEqualTo(40 * 8);
            assertThat(line.getLong("lost")).isZero();
        }
    }

    @Test
    void eachRateStepIsCountedOnItsOwn() throws Exception {
        try (TinySseServer server = new TinySseServer(0, 0)) {
            List<JsonObject> lines = run(server, "--protocol", "nchan", "--subscribers", "6", "--topics", "2",
                    "--rates", "5,10", "--duration", "2");

            assertThat(lines).extracting(line -> line.getInteger("rate")).containsExactly(5, 10);
            assertThat(lines).extracting(line -> line.getLong("published")).containsExactly(10L, 20L);
            assertThat(lines).extracting(line -> line.getLong("delivered")).containsExactly(30L, 60L);
            assertThat(lines).extracting(line -> line.getLong("lost")).containsExactly(0L, 0L);
        }
    }

    @Test
    void idleHoldsTheSubscriptionsAndPublishesNothing() throws Exception {
        try (TinySseServer server = new TinySseServer(0, 0)) {
            JsonObject line = run(server, "--protocol", "seed", "--subscribers", "25", "--sources", "2",
                    "--rate", "0", "--duration", "1").get(0);

            assertThat(line.getLong("connected")).isEqualTo(25);
            assertThat(line.containsKey("published")).isFalse();
        }
    }

    @Test
    void everySummaryLineCarriesItsRunNumber() throws Exception {
        try (TinySseServer server = new TinySseServer(0, 0)) {
            List<JsonObject> lines = run(server, "--protocol", "seed", "--subscribers", "4", "--rates", "5,10",
                    "--duration", "1", "--run", "3");

            assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line.getInteger("run")).isEqualTo(3));
        }
    }

    @Test
    void theTimelineAccountsForEveryDeliveryBySendTime(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("timeline.csv");
        try (TinySseServer server = new TinySseServer(0, 0)) {
            JsonObject line = run(server, "--protocol", "seed", "--subscribers", "5", "--rate", "50", "--duration", "2",
                    "--timeline", file.toString()).get(0);

            List<String> rows = Files.readAllLines(file);
            assertThat(rows.get(0)).isEqualTo("send_ms,send_nanotime,deliveries,max_latency_ms");
            List<String[]> buckets = rows.subList(1, rows.size()).stream().map(row -> row.split(",")).toList();
            assertThat(buckets.stream().mapToLong(b -> Long.parseLong(b[2])).sum()).isEqualTo(line.getLong("delivered"));
            // 100 updates over 2 s are sent in many distinct 10 ms buckets, in order, each no slower than the step's max.
            assertThat(buckets).hasSizeGreaterThan(20);
            assertThat(buckets.stream().map(b -> Long.parseLong(b[0])).toList()).isSorted();
            assertThat(buckets).allSatisfy(b -> assertThat(Double.parseDouble(b[3])).isLessThanOrEqualTo(line.getDouble("maxMs") + 0.001));
            assertThat(Long.parseLong(buckets.get(1)[1]) - Long.parseLong(buckets.get(0)[1]))
                    .isEqualTo((Long.parseLong(buckets.get(1)[0]) - Long.parseLong(buckets.get(0)[0])) * 1_000_000);
        }
    }

    @Test
    void refusesAHostOffLoopback() {
        LoadGenerator generator = new LoadGenerator();
        CommandLine cli = new CommandLine(generator);
        cli.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
        assertThat(cli.execute("--hub", "http://example.com:80/", "--protocol", "seed")).isNotZero();
    }

    private static List<JsonObject> run(TinySseServer server, String... args) throws Exception {
        LoadGenerator generator = new LoadGenerator();
        List<String> all = new ArrayList<>(List.of("--hub", "http://127.0.0.1:" + server.port() + "/.well-known/mercure"));
        all.addAll(List.of(args));
        new CommandLine(generator).parseArgs(all.toArray(String[]::new));
        List<JsonObject> lines = new ArrayList<>();
        generator.sink = lines::add;
        assertThat(generator.call()).isZero();
        return lines;
    }
}

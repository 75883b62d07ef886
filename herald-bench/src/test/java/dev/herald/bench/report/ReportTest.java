package dev.herald.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    private static JsonObject idle(String server, long connected, long before, long after, double seconds) {
        return new JsonObject().put("server", server).put("scenario", "idle-1000").put("rate", 0).put("connected", connected)
                .put("serverRssKibBefore", before).put("serverRssKibAfter", after).put("connectSeconds", seconds);
    }

    private static JsonObject step(String server, int rate, long perSecond, double p99, long lost, long unanswered) {
        return new JsonObject().put("server", server).put("scenario", "broadcast-10").put("rate", rate)
                .put("deliveredPerSecond", perSecond).put("p99Ms", p99).put("p50Ms", p99 / 2).put("lost", lost)
                .put("refused", 0L).put("unanswered", unanswered).put("failedConnects", 0L);
    }

    private static JsonObject step(int run, String server, int rate, long perSecond, double p99, long lost) {
        return step(server, rate, perSecond, p99, lost, 0).put("run", run);
    }

    /** The table row that starts with {@code first}. */
    private static String row(String tables, String first) {
        return tables.lines().filter(line -> line.startsWith("| " + first + " |")).findFirst().orElseThrow();
    }

    @Test
    void memoryPerConnectionAddsUpTheGeneratorProcessesOfOneRun() {
        Report report = new Report(List.of(idle("herald", 600, 100_000, 110_000, 2), idle("herald", 400, 100_500, 112_000, 3)));

        // (largest after - smallest before) over all connections: (112,000 - 100,000) / 1,000
        assertThat(report.kibPerConnection("herald", "idle-1000", 1)).isEqualTo(12.0);
    }

    @Test
    void severalNodesAddUpTheirOwnGrowth() {
        // bench/cluster.sh: two nodes (two addresses), each measured by its own generator process.
        Report report = new Report(List.of(
                idle("herald-2-nodes", 1000, 100_000, 110_000, 2).put("hub", "http://127.0.0.1:1001"),
                idle("herald-2-nodes", 1000, 300_000, 314_000, 2).put("hub", "http://127.0.0.1:1002")));

        // (10,000 + 14,000) KiB over 2,000 connections; taken as one server it would be (314,000 - 100,000) / 2,000.
        assertThat(report.kibPerConnection("herald-2-nodes", "idle-1000", 1)).isEqualTo(12.0);
    }

    @Test
    void theGeneratorProcessesOfEachRunAddUpApartFromTheOtherRuns() {
        Report report = new Report(List.of(
                idle("herald", 500, 100_000, 105_000, 2).put("run", 1), idle("herald", 500, 100_000, 106_000, 2).put("run", 1),
                idle("herald", 500, 200_000, 208_000, 2).put("run", 2), idle("herald", 500, 200_000, 207_000, 2).put("run", 2),
                idle("herald", 500, 300_000, 310_000, 2).put("run", 3), idle("herald", 500, 300_000, 309_000, 2).put("run", 3)));

        // Per run: 6,000 / 1,000, 8,000 / 1,000, 10,000 / 1,000 KiB; pooled over runs it would be 210 KiB.
        assertThat(report.kibPerConnection("herald", "idle-1000", 2)).isEqualTo(8.0);
        assertThat(row(report.tables(), "1000 KiB/conn")).isEqualTo("| 1000 KiB/conn | 8 (6–10) |");
        assertThat(row(report.tables(), "1000 connected")).isEqualTo("| 1000 connected | 1,000 |");
    }

    @Test
    void theSustainedRateIsTheBusiestStepUnder100MsThatLostAndLeftNothing() {
        Report report = new Report(List.of(
                step("nchan", 10, 100, 5, 0, 0),
                step("nchan", 50, 500, 20, 0, 0),
                step("nchan", 100, 1000, 99, 3, 0),     // lost some
                step("nchan", 200, 2000, 50, 0, 4),     // publishes left unanswered
                step("nchan", 500, 5000, 150, 0, 0)));  // too slow

        assertThat(report.bestSustained("nchan", "broadcast-10", 1).getInteger("rate")).isEqualTo(50);
    }

    @Test
    void tablesPutHeraldFirstWithItsRatioToEachPeer() {
        Report report = new Report(List.of(step("express", 10, 100, 40, 0, 0), step("herald", 10, 100, 10, 0, 0)));

        String tables = report.tables();
        assertThat(tables).contains("| updates/s | herald | express | herald/express |");
        assertThat(tables).contains("| 0.25 |"); // Herald's p99 over Express's at 10/s
        assertThat(report.charts()).containsKeys("max-delivered.svg", "p99-broadcast-10.svg");
    }

    @Test
    void aStepWhosePublishesWentUnansweredSaysNothingWasDeliveredInsteadOfNothingLost() {
        Report report = new Report(List.of(step("herald", 10, 1_000, 20, 0, 0).put("published", 100L),
                step("spring", 10, 0, 0, 0, 100).put("published", 0L)));

        assertThat(row(report.tables(), "10"))
                .isEqualTo("| 10 | 1,000/s, lost 0, 10 / 20 | nothing delivered: 100 publishes unanswered |  |");
    }

    @Test
    void aSingleRunWithoutRunNumbersReadsAsPlainFigures() {
        Report report = new Report(List.of(step("herald", 10, 9_995, 45.2, 0, 0), step("nchan", 10, 9_990, 27.5, 0, 0)));

        String tables = report.tables();
        assertThat(row(tables, "10")).isEqualTo("| 10 | 9,995/s, lost 0, 22.6 / 45.2 | 9,990/s, lost 0, 13.8 / 27.5 | 1.64 |");
        assertThat(row(tables, "highest sustained delivered/s")).isEqualTo("| highest sustained delivered/s | 9,995 | 9,990 | 1.00 |");
        assertThat(tables).doesNotContain("median", "runs]");
    }

    @Test
    void threeRunsShowTheMedianWithTheRangeAndRatiosOfMedians() {
        Report report = new Report(List.of(
                step(1, "herald", 10, 9_990, 40, 0), step(2, "herald", 10, 9_995, 50, 0), step(3, "herald", 10, 9_980, 90, 2),
                step(1, "nchan", 10, 9_999, 20, 0), step(2, "nchan", 10, 9_999, 10, 0), step(3, "nchan", 10, 9_999, 30, 0)));

        String tables = report.tables();
        assertThat(tables).contains("the median of 3 runs");
        // Herald: delivered 9,980 / 9,990 / 9,995, lost 0 / 0 / 2, p50 20 / 25 / 45, p99 40 / 50 / 90 (the 90 outlier does
        // not move the median); Nchan's figures agree on delivered and lost, so those read plain. Ratio: 50 / 20.
        assertThat(row(tables, "10")).isEqualTo("| 10 | 9,990/s (9,980–9,995), lost 0 (0–2), 25 (20–45) / 50 (40–90)"
                + " | 9,999/s, lost 0, 10 (5–15) / 20 (10–30) | 2.50 |");
    }

    @Test
    void theHighestSustainedRateIsTakenInEachRunThenTheMedian() {
        Report report = new Report(List.of(
                step(1, "herald", 10, 100, 20, 0), step(1, "herald", 50, 500, 30, 0), step(1, "herald", 100, 1000, 150, 0),
                step(2, "herald", 10, 100, 20, 0), step(2, "herald", 50, 500, 30, 0), step(2, "herald", 100, 1000, 60, 0),
                step(3, "herald", 10, 100, 120, 0), step(3, "herald", 50, 500, 300, 0)));

        // Run 1 sustained 500/s, run 2 1,000/s, run 3 nothing (0): the median is 500, not the 1,000 of the pooled best.
        assertThat(row(report.tables(), "highest sustained delivered/s"))
                .isEqualTo("| highest sustained delivered/s | 500 (0–1,000) |");
    }

    @Test
    void aStepOnlySomeRunsReachedSaysHowMany() {
        Report report = new Report(List.of(
                step(1, "herald", 10, 100, 20, 0), step(1, "herald", 50, 500, 30, 0),
                step(2, "herald", 10, 100, 20, 0), step(2, "herald", 50, 500, 50, 0),
                step(3, "herald", 10, 100, 2000, 0)));  // stopped its ramp after 10/s

        assertThat(row(report.tables(), "50")).isEqualTo("| 50 | 500/s, lost 0, 20 (15–25) / 40 (30–50) [2 of 3 runs] |");
    }

    @Test
    void aLineWithoutARunNumberIsRunOne() {
        Report report = new Report(List.of(step("herald", 10, 100, 20, 0, 0), step(2, "herald", 10, 100, 40, 0)));

        assertThat(row(report.tables(), "10")).isEqualTo("| 10 | 100/s, lost 0, 15 (10–20) / 30 (20–40) |");
    }

    @Test
    void chartsPlotTheMedians() {
        Report report = new Report(List.of(
                step(1, "herald", 10, 100, 70, 0), step(2, "herald", 10, 100, 30, 0), step(3, "herald", 10, 100, 20, 0)));

        String chart = report.charts().get("p99-broadcast-10.svg");
        assertThat(chart).contains("medians of 3 runs");
        // One point on the log axis (10..100 ms, one decade over 300 px from y = 350 up): the median, 30 ms, sits at
        // 350 - 300 * (log10(30) - 1) = 206.9; the mean (40) would sit at 169.4.
        assertThat(chart).contains("cy='206.9'").doesNotContain("cy='169.4'");
        assertThat(chart.split("<circle", -1)).hasSize(2); // one point: neither the first run's 70 nor the last's 20
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Spread.of(new double[] {4, 1, 3, 10})).isEqualTo(new Spread(3.5, 1, 10, 4));
        assertThat(Spread.of(new double[0])).isNull();
    }
}

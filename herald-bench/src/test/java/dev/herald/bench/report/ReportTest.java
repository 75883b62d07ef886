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

    @Test
    void memoryPerConnectionAddsUpTheGeneratorProcessesOfOneRun() {
        Report report = new Report(List.of(idle("herald", 600, 100_000, 110_000, 2), idle("herald", 400, 100_500, 112_000, 3)));

        // (largest after - smallest before) over all connections: (112,000 - 100,000) / 1,000
        assertThat(report.kibPerConnection("herald", "idle-1000")).isEqualTo(12.0);
    }

    @Test
    void theSustainedRateIsTheBusiestStepUnder100MsThatLostAndLeftNothing() {
        Report report = new Report(List.of(
                step("nchan", 10, 100, 5, 0, 0),
                step("nchan", 50, 500, 20, 0, 0),
                step("nchan", 100, 1000, 99, 3, 0),     // lost some
                step("nchan", 200, 2000, 50, 0, 4),     // publishes left unanswered
                step("nchan", 500, 5000, 150, 0, 0)));  // too slow

        assertThat(report.bestSustained("nchan", "broadcast-10").getInteger("rate")).isEqualTo(50);
    }

    @Test
    void tablesPutHeraldFirstWithItsRatioToEachPeer() {
        Report report = new Report(List.of(step("express", 10, 100, 40, 0, 0), step("herald", 10, 100, 10, 0, 0)));

        String tables = report.tables();
        assertThat(tables).contains("| updates/s | herald | express | herald/express |");
        assertThat(tables).contains("| 0.25 |"); // Herald's p99 over Express's at 10/s
        assertThat(report.charts()).containsKeys("max-delivered.svg", "p99-broadcast-10.svg");
    }
}

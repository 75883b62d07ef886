package dev.herald.bench.report;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns the load generator's JSON lines of one {@code bench/run.sh} run into Markdown tables (printed, with
 * Herald/peer ratios) and SVG charts beside the results: memory per idle connection, the highest delivered
 * events/s with p99 under 100 ms and nothing lost, and p99 against the publish rate.
 *
 * <p>Usage: {@code java -cp herald-bench.jar dev.herald.bench.report.Report results.jsonl OUT_DIR}
 */
public final class Report {

    /** A step is sustained when its p99 stays under this and it lost, refused and left unanswered nothing. */
    static final double SUSTAINED_P99_MS = 100;

    private final List<JsonObject> lines;
    private final List<String> servers;
    private final StringBuilder out = new StringBuilder();

    Report(List<JsonObject> lines) {
        this.lines = lines;
        Set<String> names = new LinkedHashSet<>();
        lines.forEach(line -> names.add(line.getString("server")));
        List<String> ordered = new ArrayList<>(names);
        // Herald first, so ratios read Herald/peer left to right.
        ordered.sort(Comparator.comparing((String name) -> !name.startsWith("herald")));
        this.servers = ordered;
    }

    /** Reads {@code args[0]} (JSON lines), prints the tables and writes the charts into {@code args[1]}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Report results.jsonl OUT_DIR");
            System.exit(2);
        }
        List<JsonObject> lines = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.startsWith("{")) {
                lines.add(new JsonObject(line));
            }
        }
        Report report = new Report(lines);
        Path dir = Path.of(args[1]);
        for (Map.Entry<String, String> chart : report.charts().entrySet()) {
            Files.writeString(dir.resolve(chart.getKey()), chart.getValue());
        }
        System.out.print(report.tables());
    }

    /** The Markdown tables. */
    String tables() {
        idleTable();
        stepTables("broadcast-");
        stepTables("topics-");
        slowTable();
        return out.toString();
    }

    /** Chart file name to SVG text. */
    Map<String, String> charts() {
        Map<String, String> charts = new LinkedHashMap<>();
        List<String> idle = scenarios("idle-");
        if (!idle.isEmpty()) {
            Map<String, double[]> series = new LinkedHashMap<>();
            for (String server : servers) {
                series.put(server, idle.stream().mapToDouble(s -> kibPerConnection(server, s)).toArray());
            }
            charts.put("memory-per-connection.svg", SvgChart.bars("Server RSS growth per open SSE connection",
                    "KiB per connection", idle.stream().map(s -> s.substring(5) + " idle").toList(), series));
        }
        List<String> loaded = new ArrayList<>(scenarios("broadcast-"));
        loaded.addAll(scenarios("topics-"));
        if (!loaded.isEmpty()) {
            Map<String, double[]> series = new LinkedHashMap<>();
            for (String server : servers) {
                series.put(server, loaded.stream().mapToDouble(s -> {
                    JsonObject best = bestSustained(server, s);
                    return best == null ? Double.NaN : best.getLong("deliveredPerSecond");
                }).toArray());
            }
            charts.put("max-delivered.svg", SvgChart.bars("Highest delivered events/s with p99 < "
                    + (int) SUSTAINED_P99_MS + " ms and nothing lost", "events/s", loaded, series));
        }
        for (String scenario : scenarios("broadcast-")) {
            List<Integer> rates = rates(scenario);
            Map<String, double[]> series = new LinkedHashMap<>();
            for (String server : servers) {
                series.put(server, rates.stream().mapToDouble(rate -> {
                    JsonObject step = step(server, scenario, rate);
                    return step == null ? Double.NaN : step.getDouble("p99Ms");
                }).toArray());
            }
            charts.put("p99-" + scenario + ".svg", SvgChart.logLines("p99 latency, " + scenario.substring(10)
                            + " subscribers on one stream", "updates published per second", "p99 ms (log)",
                    rates.stream().map(String::valueOf).toList(), series, SUSTAINED_P99_MS));
        }
        return charts;
    }

    private void idleTable() {
        List<String> idle = scenarios("idle-");
        if (idle.isEmpty()) {
            return;
        }
        out.append("\n### Idle subscriptions: server RSS growth per connection (KiB), connect rate (/s)\n\n");
        header("open subscriptions");
        for (String scenario : idle) {
            row(scenario.substring(5) + " KiB/conn", scenario, this::kibPerConnection, false);
            row(scenario.substring(5) + " connects/s", scenario, this::connectRate, true);
            row(scenario.substring(5) + " connected", scenario, (server, s) -> select(server, s, line -> true).stream()
                    .mapToLong(line -> line.getLong("connected")).sum(), true);
        }
    }

    private void stepTables(String prefix) {
        for (String scenario : scenarios(prefix)) {
            out.append("\n### ").append(scenario).append(": delivered/s, lost, p50 / p99 ms per publish rate"
                    + " (ratio columns: Herald's p99 over the peer's)\n\n");
            header("updates/s");
            for (int rate : rates(scenario)) {
                out.append("| ").append(rate);
                for (String server : servers) {
                    JsonObject step = step(server, scenario, rate);
                    out.append(" | ").append(step == null ? "" : String.format(Locale.ROOT, "%,d/s, lost %d, %s / %s",
                            step.getLong("deliveredPerSecond"), step.getLong("lost"),
                            SvgChart.format(step.getDouble("p50Ms")), SvgChart.format(step.getDouble("p99Ms"))));
                }
                ratios((server, s) -> {
                    JsonObject step = step(server, s, rate);
                    return step == null ? Double.NaN : step.getDouble("p99Ms");
                }, scenario);
                out.append(" |\n");
            }
            row("highest sustained delivered/s", scenario, (server, s) -> {
                JsonObject best = bestSustained(server, s);
                return best == null ? Double.NaN : best.getLong("deliveredPerSecond");
            }, true);
            row("p99 ms at the lowest rate", scenario, (server, s) -> {
                JsonObject step = step(server, s, rates(s).isEmpty() ? -1 : rates(s).get(0));
                return step == null ? Double.NaN : step.getDouble("p99Ms");
            }, false);
        }
    }

    private void slowTable() {
        if (scenarios("slow-").isEmpty()) {
            return;
        }
        out.append("\n### Slow consumers: the fast subscribers' p99 without and with 10% not reading\n\n");
        header("");
        for (String scenario : scenarios("slow-")) {
            row(scenario + " p99 ms", scenario, (server, s) -> field(server, s, "p99Ms"), false);
            row(scenario + " lost", scenario, (server, s) -> field(server, s, "lost"), false);
            row(scenario + " publishes unanswered", scenario, (server, s) -> field(server, s, "unanswered"), false);
            row(scenario + " server RSS MiB after", scenario, (server, s) -> field(server, s, "serverRssKibAfter") / 1024, false);
            row(scenario + " slow ones cut", scenario, (server, s) -> field(server, s, "slowCut"), true);
        }
    }

    private void header(String first) {
        out.append("| ").append(first);
        servers.forEach(server -> out.append(" | ").append(server));
        servers.stream().filter(server -> !server.equals("herald") && hasHerald()).forEach(server -> out.append(" | herald/").append(server));
        out.append(" |\n|---");
        servers.forEach(server -> out.append("|---"));
        servers.stream().filter(server -> !server.equals("herald") && hasHerald()).forEach(server -> out.append("|---"));
        out.append("|\n");
    }

    /** One row: each server's value, then Herald's value over each peer's. */
    private void row(String name, String scenario, Metric metric, boolean higherIsBetter) {
        out.append("| ").append(name);
        for (String server : servers) {
            double value = metric.of(server, scenario);
            out.append(" | ").append(Double.isNaN(value) ? "" : SvgChart.format(value));
        }
        ratios(metric, scenario);
        out.append(" |\n");
    }

    /** Herald's value over each peer's, one cell per peer. */
    private void ratios(Metric metric, String scenario) {
        double herald = metric.of("herald", scenario);
        for (String server : servers) {
            if (server.equals("herald") || !hasHerald()) {
                continue;
            }
            double peer = metric.of(server, scenario);
            out.append(" | ").append(Double.isNaN(herald) || Double.isNaN(peer) || peer == 0 ? ""
                    : String.format(Locale.ROOT, "%.2f", herald / peer));
        }
    }

    private boolean hasHerald() {
        return servers.contains("herald");
    }

    /** RSS growth per connection over all generator processes of one idle run. */
    double kibPerConnection(String server, String scenario) {
        List<JsonObject> parts = select(server, scenario, line -> true);
        long connected = parts.stream().mapToLong(p -> p.getLong("connected")).sum();
        long before = parts.stream().mapToLong(p -> p.getLong("serverRssKibBefore")).min().orElse(-1);
        long after = parts.stream().mapToLong(p -> p.getLong("serverRssKibAfter")).max().orElse(-1);
        return connected == 0 || before < 0 || after < 0 ? Double.NaN : (double) (after - before) / connected;
    }

    private double connectRate(String server, String scenario) {
        List<JsonObject> parts = select(server, scenario, line -> true);
        long connected = parts.stream().mapToLong(p -> p.getLong("connected")).sum();
        double seconds = parts.stream().mapToDouble(p -> p.getDouble("connectSeconds")).max().orElse(0);
        return seconds == 0 ? Double.NaN : connected / seconds;
    }

    private double field(String server, String scenario, String name) {
        List<JsonObject> found = select(server, scenario, line -> line.containsKey(name));
        return found.isEmpty() ? Double.NaN : found.get(found.size() - 1).getDouble(name);
    }

    /** The step at the highest rate that stayed under {@link #SUSTAINED_P99_MS}, lost nothing and had nothing refused. */
    JsonObject bestSustained(String server, String scenario) {
        return select(server, scenario, line -> line.containsKey("p99Ms") && line.getDouble("p99Ms") < SUSTAINED_P99_MS
                && line.getLong("lost") == 0 && line.getLong("refused") == 0 && line.getLong("unanswered", 0L) == 0
                && line.getLong("failedConnects") == 0 && !line.getBoolean("connectTimedOut", false))
                .stream().max(Comparator.comparingLong(line -> line.getLong("deliveredPerSecond"))).orElse(null);
    }

    private JsonObject step(String server, String scenario, int rate) {
        List<JsonObject> found = select(server, scenario, line -> line.getInteger("rate", -1) == rate);
        return found.isEmpty() ? null : found.get(0);
    }

    private List<Integer> rates(String scenario) {
        return lines.stream().filter(line -> line.getString("scenario").equals(scenario))
                .map(line -> line.getInteger("rate")).distinct().sorted().toList();
    }

    private List<String> scenarios(String prefix) {
        return lines.stream().map(line -> line.getString("scenario")).filter(s -> s.startsWith(prefix)).distinct()
                .sorted(Comparator.comparingDouble(Report::sizeOf)).toList();
    }

    private static double sizeOf(String scenario) {
        try {
            return Double.parseDouble(scenario.substring(scenario.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private List<JsonObject> select(String server, String scenario, Predicate<JsonObject> filter) {
        return lines.stream().filter(line -> line.getString("server").equals(server)
                && line.getString("scenario").equals(scenario) && filter.test(line)).toList();
    }

    @FunctionalInterface
    private interface Metric {
        double of(String server, String scenario);
    }
}

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
 * <p>{@code run.sh --repeat N} tags each line with its repetition ({@code "run": K}; a line without it is run 1,
 * so older results still read). Every figure is first computed within one run (an idle run's generator
 * processes added up, the highest sustained step of one ramp), then the table shows the median over the runs
 * with (min–max) where they differ, and {@code [k of N runs]} where only k runs measured it (a ramp that stopped
 * early). Ratios and charts use the medians.
 *
 * <p>Usage: {@code java -cp herald-bench.jar dev.herald.bench.report.Report results.jsonl OUT_DIR}
 */
public final class Report {

    /** A step is sustained when its p99 stays under this and it lost, refused and left unanswered nothing. */
    static final double SUSTAINED_P99_MS = 100;

    private final List<JsonObject> lines;
    private final List<String> servers;
    /** The repetitions in the results, ascending. */
    private final List<Integer> runs;
    private final StringBuilder out = new StringBuilder();

    Report(List<JsonObject> lines) {
        this.lines = lines;
        Set<String> names = new LinkedHashSet<>();
        lines.forEach(line -> names.add(line.getString("server")));
        List<String> ordered = new ArrayList<>(names);
        // Herald first, so ratios read Herald/peer left to right.
        ordered.sort(Comparator.comparing((String name) -> !name.startsWith("herald")));
        this.servers = ordered;
        this.runs = lines.stream().map(Report::runOf).distinct().sorted().toList();
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
        if (runs.size() > 1) {
            out.append("\nEach figure: the median of ").append(runs.size()).append(" runs, (min–max) where the runs")
                    .append(" differ, [k of ").append(runs.size()).append(" runs] where only k measured it;")
                    .append(" ratios are of the medians.\n");
        }
        idleTable();
        stepTables("broadcast-");
        stepTables("topics-");
        slowTable();
        return out.toString();
    }

    /** Chart file name to SVG text; each value is the median over the runs. */
    Map<String, String> charts() {
        Map<String, String> charts = new LinkedHashMap<>();
        String over = runs.size() > 1 ? " (medians of " + runs.size() + " runs)" : "";
        List<String> idle = scenarios("idle-");
        if (!idle.isEmpty()) {
            charts.put("memory-per-connection.svg", SvgChart.bars("Server RSS growth per open SSE connection" + over,
                    "KiB per connection", idle.stream().map(s -> s.substring(5) + " idle").toList(),
                    medians(idle, this::kibPerConnection)));
        }
        List<String> loaded = new ArrayList<>(scenarios("broadcast-"));
        loaded.addAll(scenarios("topics-"));
        if (!loaded.isEmpty()) {
            charts.put("max-delivered.svg", SvgChart.bars("Highest delivered events/s with p99 < "
                    + (int) SUSTAINED_P99_MS + " ms and nothing lost" + over, "events/s", loaded,
                    medians(loaded, this::sustained)));
        }
        for (String scenario : scenarios("broadcast-")) {
            List<Integer> rates = rates(scenario);
            Map<String, double[]> series = new LinkedHashMap<>();
            for (String server : servers) {
                series.put(server, rates.stream().mapToDouble(rate -> median(stepField(rate, "p99Ms"), server, scenario))
                        .toArray());
            }
            charts.put("p99-" + scenario + ".svg", SvgChart.logLines("p99 latency, " + scenario.substring(10)
                            + " subscribers on one stream" + over, "updates published per second", "p99 ms (log)",
                    rates.stream().map(String::valueOf).toList(), series, SUSTAINED_P99_MS));
        }
        return charts;
    }

    /** Per server, the median of {@code metric} in each scenario. */
    private Map<String, double[]> medians(List<String> scenarios, Metric metric) {
        Map<String, double[]> series = new LinkedHashMap<>();
        for (String server : servers) {
            series.put(server, scenarios.stream().mapToDouble(s -> median(metric, server, s)).toArray());
        }
        return series;
    }

    private void idleTable() {
        List<String> idle = scenarios("idle-");
        if (idle.isEmpty()) {
            return;
        }
        out.append("\n### Idle subscriptions: server RSS growth per connection (KiB), connect rate (/s)\n\n");
        header("open subscriptions");
        for (String scenario : idle) {
            row(scenario.substring(5) + " KiB/conn", scenario, this::kibPerConnection);
            row(scenario.substring(5) + " connects/s", scenario, this::connectRate);
            row(scenario.substring(5) + " connected", scenario, (server, s, run) -> {
                List<JsonObject> parts = select(server, s, run, line -> true);
                return parts.isEmpty() ? Double.NaN : parts.stream().mapToLong(line -> line.getLong("connected")).sum();
            });
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
                    out.append(" | ").append(stepCell(rate, server, scenario));
                }
                ratios(stepField(rate, "p99Ms"), scenario);
                out.append(" |\n");
            }
            row("highest sustained delivered/s", scenario, this::sustained);
            row("p99 ms at the lowest rate", scenario,
                    (server, s, run) -> rates(s).isEmpty() ? Double.NaN : stepField(rates(s).get(0), "p99Ms").of(server, s, run));
        }
    }

    private void slowTable() {
        if (scenarios("slow-").isEmpty()) {
            return;
        }
        out.append("\n### Slow consumers: the fast subscribers' p99 without and with 10% not reading\n\n");
        header("");
        for (String scenario : scenarios("slow-")) {
            row(scenario + " p99 ms", scenario, field("p99Ms"));
            row(scenario + " lost", scenario, field("lost"));
            row(scenario + " publishes unanswered", scenario, field("unanswered"));
            row(scenario + " server RSS MiB after", scenario, (server, s, run) -> field("serverRssKibAfter").of(server, s, run) / 1024);
            row(scenario + " slow ones cut", scenario, field("slowCut"));
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

    /** One row: each server's median (and range), then Herald's median over each peer's. */
    private void row(String name, String scenario, Metric metric) {
        out.append("| ").append(name);
        for (String server : servers) {
            Spread spread = spread(metric, server, scenario);
            out.append(" | ").append(spread == null ? "" : spread.text() + coverage(spread));
        }
        ratios(metric, scenario);
        out.append(" |\n");
    }

    /** Herald's median over each peer's, one cell per peer. */
    private void ratios(Metric metric, String scenario) {
        double herald = median(metric, "herald", scenario);
        for (String server : servers) {
            if (server.equals("herald") || !hasHerald()) {
                continue;
            }
            double peer = median(metric, server, scenario);
            out.append(" | ").append(Double.isNaN(herald) || Double.isNaN(peer) || peer == 0 ? ""
                    : String.format(Locale.ROOT, "%.2f", herald / peer));
        }
    }

    /** Says when fewer than all runs measured a figure, so a median of the survivors is not read as one of all. */
    private String coverage(Spread spread) {
        return spread.runs() < runs.size() ? " [" + spread.runs() + " of " + runs.size() + " runs]" : "";
    }

    private boolean hasHerald() {
        return servers.contains("herald");
    }

    /** {@code metric} over the runs that measured it; null when none did. */
    Spread spread(Metric metric, String server, String scenario) {
        return Spread.of(runs.stream().mapToDouble(run -> metric.of(server, scenario, run))
                .filter(value -> !Double.isNaN(value)).toArray());
    }

    private double median(Metric metric, String server, String scenario) {
        Spread spread = spread(metric, server, scenario);
        return spread == null ? Double.NaN : spread.median();
    }

    /**
     * RSS growth per connection over all generator processes of one idle run. Processes aimed at the same
     * server address share its growth; several addresses (the nodes of {@code bench/cluster.sh}) add theirs up.
     */
    double kibPerConnection(String server, String scenario, int run) {
        List<JsonObject> parts = select(server, scenario, run, line -> true);
        long connected = parts.stream().mapToLong(p -> p.getLong("connected")).sum();
        Map<String, List<JsonObject>> byServer = new LinkedHashMap<>();
        parts.forEach(part -> byServer.computeIfAbsent(part.getString("hub", ""), hub -> new ArrayList<>()).add(part));
        long growth = 0;
        for (List<JsonObject> same : byServer.values()) {
            long before = same.stream().mapToLong(p -> p.getLong("serverRssKibBefore")).min().orElse(-1);
            long after = same.stream().mapToLong(p -> p.getLong("serverRssKibAfter")).max().orElse(-1);
            if (before < 0 || after < 0) {
                return Double.NaN;
            }
            growth += after - before;
        }
        return connected == 0 ? Double.NaN : (double) growth / connected;
    }

    private double connectRate(String server, String scenario, int run) {
        List<JsonObject> parts = select(server, scenario, run, line -> true);
        long connected = parts.stream().mapToLong(p -> p.getLong("connected")).sum();
        double seconds = parts.stream().mapToDouble(p -> p.getDouble("connectSeconds")).max().orElse(0);
        return seconds == 0 ? Double.NaN : connected / seconds;
    }

    /** The last value of {@code name} in one run. */
    private Metric field(String name) {
        return (server, scenario, run) -> {
            List<JsonObject> found = select(server, scenario, run, line -> line.containsKey(name));
            return found.isEmpty() ? Double.NaN : found.get(found.size() - 1).getDouble(name);
        };
    }

    /** {@code name} of the step at {@code rate} in one run. */
    private Metric stepField(int rate, String name) {
        return (server, scenario, run) -> {
            List<JsonObject> found = select(server, scenario, run, line -> line.getInteger("rate", -1) == rate);
            Double value = found.isEmpty() ? null : found.get(0).getDouble(name);
            return value == null ? Double.NaN : value;
        };
    }

    /**
     * One server's figures at one rate: delivered/s, lost, p50 / p99. A server that answered none of the step's
     * publishes in any run delivered nothing and so lost nothing: the cell says so rather than "0/s, lost 0".
     */
    private String stepCell(int rate, String server, String scenario) {
        Spread delivered = spread(stepField(rate, "deliveredPerSecond"), server, scenario);
        if (delivered == null) {
            return "";
        }
        Spread published = spread(stepField(rate, "published"), server, scenario);
        Spread unanswered = spread(stepField(rate, "unanswered"), server, scenario);
        if (delivered.max() == 0 && published != null && published.max() == 0 && unanswered != null) {
            return "nothing delivered: " + unanswered.text() + " publishes unanswered" + coverage(delivered);
        }
        return delivered.text("/s") + ", lost " + spread(stepField(rate, "lost"), server, scenario).text() + ", "
                + spread(stepField(rate, "p50Ms"), server, scenario).text() + " / "
                + spread(stepField(rate, "p99Ms"), server, scenario).text() + coverage(delivered);
    }

    /**
     * The delivered/s of the best sustained step of one run; 0 when that run measured the scenario and sustained
     * no step, so a failed run pulls the median down instead of dropping out of it.
     */
    double sustained(String server, String scenario, int run) {
        if (select(server, scenario, run, line -> true).isEmpty()) {
            return Double.NaN;
        }
        JsonObject best = bestSustained(server, scenario, run);
        return best == null ? 0 : best.getLong("deliveredPerSecond");
    }

    /** The step at the highest rate that stayed under {@link #SUSTAINED_P99_MS}, lost nothing and had nothing refused. */
    JsonObject bestSustained(String server, String scenario, int run) {
        return select(server, scenario, run, line -> line.containsKey("p99Ms") && line.getDouble("p99Ms") < SUSTAINED_P99_MS
                && line.getLong("lost") == 0 && line.getLong("refused") == 0 && line.getLong("unanswered", 0L) == 0
                && line.getLong("failedConnects") == 0 && !line.getBoolean("connectTimedOut", false))
                .stream().max(Comparator.comparingLong(line -> line.getLong("deliveredPerSecond"))).orElse(null);
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

    /** The repetition a line belongs to; results from before {@code --repeat} have one run. */
    private static int runOf(JsonObject line) {
        return line.getInteger("run", 1);
    }

    private List<JsonObject> select(String server, String scenario, int run, Predicate<JsonObject> filter) {
        return lines.stream().filter(line -> line.getString("server").equals(server)
                && line.getString("scenario").equals(scenario) && runOf(line) == run && filter.test(line)).toList();
    }

    /** A figure as one run measured it; NaN when that run did not. */
    @FunctionalInterface
    interface Metric {
        double of(String server, String scenario, int run);
    }
}

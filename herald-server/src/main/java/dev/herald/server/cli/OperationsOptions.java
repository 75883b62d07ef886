package dev.herald.server.cli;

import dev.herald.server.MetricsConfig;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/** The {@code herald} options for running it in production: metrics and logs. */
final class OperationsOptions {

    @Option(names = "--metrics", defaultValue = "${env:HERALD_METRICS:-true}", fallbackValue = "true", arity = "0..1",
            description = "Serve GET /metrics in the Prometheus text format (env HERALD_METRICS).")
    boolean metrics;

    @Option(names = "--metrics-token", defaultValue = "${env:HERALD_METRICS_TOKEN}", showDefaultValue = Visibility.NEVER,
            description = "Bearer token a scraper must send to /metrics (16+ characters); default: open to whoever"
                    + " reaches the port (env HERALD_METRICS_TOKEN).")
    String metricsToken;

    @Option(names = "--log-format", defaultValue = "${env:HERALD_LOG_FORMAT:-text}",
            description = "Log lines on stderr as text or json (one JSON object per line) (env HERALD_LOG_FORMAT).")
    String logFormat;

    @Option(names = "--log-level", defaultValue = "${env:HERALD_LOG_LEVEL:-info}",
            description = "Least severe level logged: error, warn, info, debug (one line per stream opened and closed) or"
                    + " trace (env HERALD_LOG_LEVEL).")
    String logLevel;

    MetricsConfig metricsConfig() {
        return new MetricsConfig(metrics, metricsToken);
    }
}

package dev.herald.server;

/**
 * Whether the node serves {@code GET /metrics}, and the bearer token a scraper must send (none: open).
 *
 * @param enabled serve {@code /metrics}
 * @param token the token, or null for a scrape open to whoever reaches the port
 */
public record MetricsConfig(boolean enabled, String token) {

    public MetricsConfig {
        token = token == null || token.isBlank() ? null : token;
        if (token != null) {
            Checks.require(token.length() >= 16,
                    "--metrics-token must be at least 16 characters (a guessable token protects nothing), got " + token.length());
        }
    }

    /** Metrics on, without a token. */
    public static MetricsConfig defaults() {
        return new MetricsConfig(true, null);
    }
}

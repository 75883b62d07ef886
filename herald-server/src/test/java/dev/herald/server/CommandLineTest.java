package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.cli.HeraldCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandLineTest {

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine line = HeraldCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int status = line.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void helpDocumentsEveryFlagAndItsEnvironmentVariable() {
        Run help = run("--help");
        assertThat(help.status()).isZero();
        for (String flag : new String[] {"--host", "--port", "--publisher-jwt-key", "--subscriber-jwt-key", "--anonymous",
                "--heartbeat", "--retry-ms", "--history-size", "--history-bytes", "--max-body", "--outbound-budget"}) {
            assertThat(help.out()).contains(flag);
        }
        assertThat(help.out()).contains("HERALD_PORT").contains("HERALD_PUBLISHER_JWT_KEY");
    }

    @Test
    void helpDocumentsTheSecurityAndLimitFlagsWithTheirEnvironmentVariables() {
        Run help = run("--help");
        for (String flag : new String[] {"--publisher-jwt-alg", "--subscriber-jwt-alg", "--jwks-url", "--jwt-leeway",
                "--cookie-name", "--cookie-samesite", "--allow-query-token", "--cors-origin", "--subscriptions",
                "--max-connections", "--max-connections-per-ip", "--max-topics", "--publish-rate", "--max-header-size",
                "--max-url-length", "--request-timeout", "--max-streams-per-connection", "--tls-cert", "--tls-key",
                "--tls-self-signed", "--h2c"}) {
            assertThat(help.out()).contains(flag);
        }
        for (String env : new String[] {"HERALD_PUBLISHER_JWT_ALG", "HERALD_JWT_LEEWAY", "HERALD_COOKIE_SAMESITE",
                "HERALD_ALLOW_QUERY_TOKEN", "HERALD_CORS_ORIGINS", "HERALD_MAX_CONNECTIONS_PER_IP", "HERALD_PUBLISH_RATE",
                "HERALD_REQUEST_TIMEOUT", "HERALD_TLS_CERT", "HERALD_TLS_SELF_SIGNED", "HERALD_H2C", "HERALD_SUBSCRIPTIONS",
                "HERALD_EVENT_LOOPS"}) {
            assertThat(help.out()).contains(env);
        }
    }

    @Test
    void badSecurityAndLimitValuesStopStartupNamingTheFlag() {
        assertThat(run("--port", "0", "--max-connections-per-ip", "0").err()).contains("--max-connections-per-ip must be");
        assertThat(run("--port", "0", "--publisher-jwt-key", HeraldFixture.KEY, "--publisher-jwt-alg", "XX256").err())
                .contains("--publisher-jwt-alg must be one of HS256, RS256, ES256");
        assertThat(run("--port", "0", "--publisher-jwt-key", "not a pem", "--publisher-jwt-alg", "RS256").err())
                .contains("--publisher-jwt-key is not a usable RS256 public key");
        assertThat(run("--port", "0", "--cookie-samesite", "sometimes").err()).contains("--cookie-samesite must be");
        assertThat(run("--port", "0", "--cors-origin", "https://app.example/path").err()).contains("--cors-origin");
        assertThat(run("--port", "0", "--tls-cert", "/nonexistent.pem").err()).contains("--tls-cert and --tls-key");
        assertThat(run("--port", "0", "--publisher-jwt-key", "@/nonexistent/key.pem").err()).contains("cannot read the JWT key file");
    }

    @Test
    void aNegativeHeartbeatStopsStartupWithAMessageNamingTheFlag() {
        Run bad = run("--port", "0", "--heartbeat", "-5");
        assertThat(bad.status()).isNotZero();
        assertThat(bad.err()).contains("--heartbeat must be >= 0 seconds, got -5");
    }

    @Test
    void anEventLoopCountOutOfRangeStopsStartupWithAMessageNamingTheFlag() {
        Run negative = run("--port", "0", "--event-loops", "-1");
        assertThat(negative.status()).isNotZero();
        assertThat(negative.err()).contains("--event-loops must be between 0 (one per processor) and 256, got -1");
        assertThat(run("--port", "0", "--event-loops", "1000").err()).contains("got 1000");
        assertThat(run("--port", "0", "--event-loops", "two").err()).contains("--event-loops");
    }

    @Test
    void aShortKeyStopsStartupWithAMessageNamingTheFlag() {
        Run bad = run("--port", "0", "--publisher-jwt-key", "short");
        assertThat(bad.status()).isNotZero();
        assertThat(bad.err()).contains("--publisher-jwt-key must be at least 32 bytes");
    }

    @Test
    void aPortThatIsNotANumberIsRejected() {
        Run bad = run("--port", "eighty");
        assertThat(bad.status()).isNotZero();
        assertThat(bad.err()).contains("--port");
    }
}

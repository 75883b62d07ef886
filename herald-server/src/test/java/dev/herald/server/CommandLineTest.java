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
    void aNegativeHeartbeatStopsStartupWithAMessageNamingTheFlag() {
        Run bad = run("--port", "0", "--heartbeat", "-5");
        assertThat(bad.status()).isNotZero();
        assertThat(bad.err()).contains("--heartbeat must be >= 0 seconds, got -5");
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

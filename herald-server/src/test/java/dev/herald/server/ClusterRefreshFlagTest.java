package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.cli.HeraldCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code --cluster-refresh-ms} flag: documented with its variable, validated with a message naming it. */
class ClusterRefreshFlagTest {

    private static String[] run(String... args) {
        CommandLine line = HeraldCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int status = line.execute(args);
        return new String[] {Integer.toString(status), out.toString(), err.toString()};
    }

    @Test
    void helpDocumentsTheFlagAndItsEnvironmentVariable() {
        String[] help = run("--help");

        assertThat(help[1]).contains("--cluster-refresh-ms", "HERALD_CLUSTER_REFRESH_MS");
    }

    @Test
    void aRefreshBelowAHundredMillisecondsStopsStartupWithAMessageNamingTheFlag() {
        String[] bad = run("--port", "0", "--cluster-refresh-ms", "50");

        assertThat(bad[0]).isNotEqualTo("0");
        assertThat(bad[2]).contains("--cluster-refresh-ms must be between 100 and 600000 milliseconds, got 50");
    }
}

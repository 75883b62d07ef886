package dev.herald.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line serves the applications unless {@code --no-apps} says otherwise. */
class NoAppsFlagTest {

    private static HeraldCommand parsed(String... args) {
        HeraldCommand command = new HeraldCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void theApplicationsAreOnByDefault() {
        assertThat(parsed().config().apps()).isTrue();
    }

    @Test
    void noAppsTurnsThemOff() {
        assertThat(parsed("--no-apps").config().apps()).isFalse();
        assertThat(parsed("--no-apps=false").config().apps()).isTrue();
    }

    @Test
    void helpDocumentsTheFlagAndItsEnvironmentVariable() {
        String help = new CommandLine(new HeraldCommand()).getUsageMessage();
        assertThat(help).contains("--no-apps").contains("HERALD_NO_APPS");
    }
}

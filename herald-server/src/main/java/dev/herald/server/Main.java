package dev.herald.server;

import dev.herald.server.cli.ClientHttp;
import dev.herald.server.cli.HeraldCommand;
import dev.herald.server.cli.StandardOutput;
import picocli.CommandLine;

/** The {@code herald} program: serves by default; subcommands add client tools. */
public final class Main {

    private Main() {
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        ClientHttp.prepareFor(args); // Overlaps the slowest start-up step of listen and publish with parsing.
        CommandLine line = HeraldCommand.commandLine(System.getenv(), args);
        line.setOut(StandardOutput.writer());
        int status = line.execute(args);
        if (status != HeraldCommand.KEEP_RUNNING) {
            System.exit(status);
        }
    }
}

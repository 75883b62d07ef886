package dev.herald.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** What the help of every client subcommand shares: {@code -h/--help} and the list of exit codes. */
@Command(exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
    ExitCodes.OK + ":done (listen: the server answered 204, its way of saying stop, or stdout was closed)",
    ExitCodes.FAILED + ":the server answered an unexpected status (404, 500, ...)",
    ExitCodes.USAGE + ":invalid command line",
    ExitCodes.UNREACHABLE + ":the server could not be reached (listen: --max-retries failures in a row)",
    ExitCodes.REJECTED + ":the request was refused as invalid (400, 413, 415)",
    ExitCodes.UNAUTHORIZED + ":401, missing or invalid token",
    ExitCodes.FORBIDDEN + ":403, the token does not allow these topics",
    ExitCodes.UNAVAILABLE + ":429 or 503, try again later",
    ExitCodes.NOT_AN_EVENT_STREAM + ":the URL did not answer a well-formed text/event-stream",
    ExitCodes.INTERRUPTED + ":interrupted (Ctrl-C)",
})
final class SubcommandHelp {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}

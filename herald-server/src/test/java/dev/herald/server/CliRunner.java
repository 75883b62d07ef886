package dev.herald.server;

import dev.herald.server.cli.HeraldCommand;
import dev.herald.testkit.Await;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;

/**
 * Runs the {@code herald} command line in this JVM, as {@code Main} does but with stdout and stderr
 * captured: to completion with {@link #run}, or on its own thread with {@link #start} for commands that
 * follow a stream until stopped.
 */
final class CliRunner {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CompletableFuture<Integer> status = new CompletableFuture<>();
    private volatile Thread thread;

    private CliRunner() {
    }

    /** What a finished command did. */
    record Result(int status, String out, String err) {
    }

    /** Runs {@code args} to completion on this thread. */
    static Result run(String... args) {
        return run(System.getenv(), args);
    }

    /** Runs {@code args} to completion on this thread, as if {@code env} were the process's environment. */
    static Result run(Map<String, String> env, String... args) {
        CliRunner runner = new CliRunner();
        int status = runner.commandLine(env, args).execute(args);
        return new Result(status, runner.out(), runner.err());
    }

    /** Starts {@code args} on a new daemon thread and returns at once. */
    static CliRunner start(String... args) {
        CliRunner runner = new CliRunner();
        CommandLine line = runner.commandLine(System.getenv(), args);
        Thread thread = new Thread(() -> runner.status.complete(line.execute(args)), "cli-" + args[0]);
        thread.setDaemon(true);
        runner.thread = thread;
        thread.start();
        return runner;
    }

    private CommandLine commandLine(Map<String, String> env, String... args) {
        CommandLine line = HeraldCommand.commandLine(env, args);
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        return line;
    }

    /** Everything written to stdout so far. */
    String out() {
        return out.toString();
    }

    /** Everything written to stderr so far. */
    String err() {
        return err.toString();
    }

    /** The complete lines written to stdout so far. */
    List<String> outLines() {
        String text = out();
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1));
    }

    /** Waits until stdout holds at least {@code count} complete lines. */
    List<String> awaitLines(int count) {
        Await.until(Duration.ofSeconds(10), () -> outLines().size() >= count,
                () -> count + " lines on stdout; got:\n" + out() + "\nstderr:\n" + err());
        return outLines();
    }

    /** Interrupts the command, as Ctrl-C would stop it, and returns its exit status. */
    int interrupt() {
        thread.interrupt();
        return awaitExit(Duration.ofSeconds(10));
    }

    /** The exit status, waiting at most {@code timeout} for the command to finish. */
    int awaitExit(Duration timeout) {
        try {
            return status.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the command did not finish within " + timeout + "; stdout:\n" + out()
                    + "\nstderr:\n" + err());
        } catch (ExecutionException e) {
            throw new AssertionError("the command failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

package dev.herald.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code herald} program in its own JVM ({@code java -cp <test classpath> dev.herald.server.Main …}),
 * with stdout and stderr collected by daemon threads. Closing it kills the process.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final Thread outReader;
    private final Thread errReader;

    private ChildJvm(Process process) {
        this.process = process;
        this.outReader = collect(process.getInputStream(), out);
        this.errReader = collect(process.getErrorStream(), err);
    }

    /** Starts {@code java jvmOptions… dev.herald.server.Main args…} with {@code env} added to this JVM's environment. */
    static ChildJvm start(Map<String, String> env, List<String> jvmOptions, String... args) throws IOException {
        return start(env, javaCommand(jvmOptions, args));
    }

    /**
     * Starts {@code java … dev.herald.server.Main args… | pipeTo} in bash with {@code pipefail}: the exit status
     * is the program's when it failed, else that of {@code pipeTo}.
     */
    static ChildJvm startPiped(String pipeTo, String... args) throws IOException {
        StringBuilder line = new StringBuilder("set -o pipefail;");
        for (String word : javaCommand(List.of(), args)) {
            line.append(" '").append(word.replace("'", "'\\''")).append('\'');
        }
        return start(Map.of(), List.of("bash", "-c", line.append(" | ").append(pipeTo).toString()));
    }

    /** {@code java jvmOptions… -cp <test classpath> dev.herald.server.Main args…}, on this test run's JDK. */
    static List<String> javaCommand(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 22) {
            // What herald.jar's manifest grants (Enable-Native-Access), which a class path run lacks: without it
            // JDK 22+ print a warning on stderr when the epoll transport loads its library.
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.herald.server.Main");
        command.addAll(List.of(args));
        return command;
    }

    private static ChildJvm start(Map<String, String> env, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("HERALD_TOKEN");
        builder.environment().remove("HERALD_PUBLISHER_JWT_KEY");
        builder.environment().putAll(env);
        return new ChildJvm(builder.start());
    }

    /** Writes {@code text} to the process's standard input and closes it. */
    ChildJvm stdin(String text) throws IOException {
        try (OutputStream in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    /**
     * The exit status, waiting at most {@code timeout}, once everything the process wrote has been collected;
     * fails the test if the process is still running.
     */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the process did not exit within " + timeout + "; stdout:\n" + out + "\nstderr:\n" + err);
        }
        outReader.join(timeout.toMillis());
        errReader.join(timeout.toMillis());
        return process.exitValue();
    }

    /** Everything the process wrote to stdout so far. */
    String out() {
        return out.toString();
    }

    /** Everything the process wrote to stderr so far. */
    String err() {
        return err.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static Thread collect(InputStream stream, StringBuffer into) {
        Thread reader = new Thread(() -> {
            char[] buffer = new char[4096];
            try (Reader text = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
                for (int read; (read = text.read(buffer)) >= 0; ) {
                    into.append(buffer, 0, read);
                }
            } catch (IOException ended) {
                // The process is gone.
            }
        }, "child-jvm-reader");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}

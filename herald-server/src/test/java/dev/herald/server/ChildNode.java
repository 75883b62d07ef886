package dev.herald.server;

import dev.herald.testkit.Await;
import dev.herald.testkit.RedisServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A Herald node in a child JVM (the real {@code herald} command line), so a test can kill it like a crashed machine. */
final class ChildNode implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path output;

    private ChildNode(Process process, int port, Path output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /** Starts {@code herald} with {@code args} on a free port and returns once it answers its health check. */
    static ChildNode start(String... args) {
        int port = RedisServer.freePort();
        List<String> command = ChildJvm.javaCommand(List.of(), "--host", "127.0.0.1", "--port", String.valueOf(port));
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile("herald-node-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            ChildNode node = new ChildNode(process, port, output);
            Await.until(Duration.ofSeconds(30), node::healthy, () -> "the child node to answer /healthz; its output: " + node.output());
            return node;
        } catch (IOException e) {
            throw new AssertionError("cannot start a child node: " + e, e);
        }
    }

    int port() {
        return port;
    }

    /** Kills the node at once (SIGKILL): no graceful end of streams, as when a machine dies. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private boolean healthy() {
        if (!process.isAlive()) {
            throw new AssertionError("the child node exited with " + process.exitValue() + "; its output: " + output());
        }
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).timeout(Duration.ofSeconds(1)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}

package dev.herald.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} the test owns, on a free loopback port, so it can stop and restart it.
 *
 * <p>When the binary is missing the test is skipped with a loud notice, except when the {@code CI}
 * environment variable is set: then it fails, because CI must run the Redis tests ({@code .ci/run}
 * installs redis-server).
 */
public final class RedisServer implements AutoCloseable {

    private static final List<String> CANDIDATES = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server");

    private final String binary;
    private final int port;
    private final Path dir;
    private final boolean appendOnly;
    private Process process;

    private RedisServer(String binary, int port, Path dir, boolean appendOnly) {
        this.binary = binary;
        this.port = port;
        this.dir = dir;
        this.appendOnly = appendOnly;
    }

    /** Starts a Redis without persistence: a restart empties it. */
    public static RedisServer start() {
        return start(false);
    }

    /**
     * Starts a Redis; with {@code appendOnly} it writes every command to its append-only file before
     * answering ({@code appendfsync always}), so a restart keeps everything it acknowledged.
     */
    public static RedisServer start(boolean appendOnly) {
        String binary = RequiredBinary.find("redis-server", CANDIDATES, "redis-server");
        try {
            RedisServer server = new RedisServer(binary, freePort(), Files.createTempDirectory("herald-redis-"), appendOnly);
            server.launch();
            return server;
        } catch (IOException e) {
            throw new AssertionError("cannot start redis-server: " + e, e);
        }
    }

    /** The URI of database 0 of this server. */
    public String uri() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    /** The TCP port. */
    public int port() {
        return port;
    }

    /** Stops the server abruptly (SIGKILL): clients see their connections drop. */
    public void stop() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Starts the server again on the same port (with the same data directory). */
    public void restart() {
        stop();
        launch();
    }

    /** Sends one command and answers its reply as text (arrays joined by spaces), for test set-up and checks. */
    public String command(String... args) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("*" + args.length + "\r\n");
            for (String arg : args) {
                request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return Resp.read(socket.getInputStream());
        } catch (IOException e) {
            throw new AssertionError("redis command " + String.join(" ", args) + " failed: " + e, e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--dir", dir.toString()));
        if (appendOnly) {
            command.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
        } else {
            command.addAll(List.of("--appendonly", "no"));
        }
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + binary + ": " + e, e);
        }
        Await.until(Duration.ofSeconds(10), this::answersPing, () -> "redis-server to answer PING on port " + port
                + " (its log: " + dir.resolve("redis.log") + ")");
    }

    private boolean answersPing() {
        if (process == null || !process.isAlive()) {
            throw new AssertionError("redis-server exited; see " + dir.resolve("redis.log"));
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            return Resp.read(socket.getInputStream()).equals("PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** A free TCP port on loopback, as the OS chooses it. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError("no free port: " + e, e);
        }
    }

    /** Just enough of the Redis protocol to read one reply. */
    private static final class Resp {
        static String read(InputStream in) throws IOException {
            String line = line(in);
            char kind = line.charAt(0);
            String rest = line.substring(1);
            switch (kind) {
                case '+', ':' -> {
                    return rest;
                }
                case '-' -> throw new IOException("redis error: " + rest);
                case '$' -> {
                    int length = Integer.parseInt(rest);
                    if (length < 0) {
                        return "(nil)";
                    }
                    byte[] bytes = in.readNBytes(length + 2);
                    return new String(bytes, 0, length, StandardCharsets.UTF_8);
                }
                case '*' -> {
                    int count = Integer.parseInt(rest);
                    List<String> items = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        items.add(read(in));
                    }
                    return String.join(" ", items);
                }
                default -> throw new IOException("unexpected reply: " + line);
            }
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder text = new StringBuilder();
            int c;
            while ((c = in.read()) != '\r') {
                if (c < 0) {
                    throw new IOException("connection closed mid-reply");
                }
                text.append((char) c);
            }
            in.read();
            return text.toString();
        }
    }
}

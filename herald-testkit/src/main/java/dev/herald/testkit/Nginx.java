package dev.herald.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code nginx} the test owns: a foreground child process with its prefix, pid file, logs and temp
 * directories in a fresh temporary directory, serving the {@code http}-level configuration it is given on a
 * loopback port.
 *
 * <p>When the binary is missing the test is skipped with a loud notice, except when the {@code CI}
 * environment variable is set: then it fails, because CI must run the proxy tests ({@code .ci/run}
 * installs nginx).
 */
public final class Nginx implements AutoCloseable {

    private static final List<String> CANDIDATES =
            List.of("/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx");

    private final Process process;
    private final int port;
    private final Path dir;

    private Nginx(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /**
     * Starts nginx with {@code httpConfig} inside its {@code http} block and returns once {@code port} (where
     * that configuration must listen, on 127.0.0.1) accepts connections.
     */
    public static Nginx start(String httpConfig, int port) {
        String binary = RequiredBinary.find("nginx", CANDIDATES, "nginx");
        try {
            Path dir = Files.createTempDirectory("herald-nginx-");
            Path conf = dir.resolve("nginx.conf");
            Files.writeString(conf, mainConfig(dir, httpConfig));
            Path output = dir.resolve("output.log");
            // -e: the error log before the configuration is read (else the compiled-in /var/log/nginx path).
            Process process = new ProcessBuilder(binary, "-p", dir.toString(), "-c", conf.toString(),
                    "-e", dir.resolve("error.log").toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            Nginx nginx = new Nginx(process, port, dir);
            Await.until(Duration.ofSeconds(10), nginx::accepts, () -> "nginx to listen on 127.0.0.1:" + port
                    + "; its error log: " + nginx.errorLog());
            return nginx;
        } catch (IOException e) {
            throw new AssertionError("cannot start nginx: " + e, e);
        }
    }

    /** The address of {@code pathAndQuery} through this nginx. */
    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** What nginx wrote to its error log and its console, for failure messages. */
    public String errorLog() {
        return read(dir.resolve("error.log")) + read(dir.resolve("output.log"));
    }

    /** Stops nginx (SIGTERM, a fast shutdown), kills whatever is left of it and its workers, and deletes its directory. */
    @Override
    public void close() {
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.forEach(ProcessHandle::destroyForcibly);
        deleteQuietly(dir);
    }

    private static void deleteQuietly(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is not worth failing a test for.
        }
    }

    /**
     * The main configuration: one worker in the foreground, every path inside {@code dir} (nginx would
     * otherwise use the compiled-in /var/lib/nginx and /var/log/nginx), and {@code httpConfig} in {@code http}.
     */
    private static String mainConfig(Path dir, String httpConfig) {
        // As root, nginx would run its worker as "nobody", which cannot use the temp directories here.
        String user = "root".equals(System.getProperty("user.name")) ? "user root root;\n" : "";
        return user
                + "daemon off;\n"
                + "worker_processes 1;\n"
                + "pid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("error.log") + " warn;\n"
                + "events { worker_connections 1024; }\n"
                + "http {\n"
                + "  access_log " + dir.resolve("access.log") + ";\n"
                + "  client_body_temp_path " + dir.resolve("client_body") + ";\n"
                + "  proxy_temp_path " + dir.resolve("proxy") + ";\n"
                + "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";\n"
                + "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";\n"
                + "  scgi_temp_path " + dir.resolve("scgi") + ";\n"
                + httpConfig + "\n"
                + "}\n";
    }

    private boolean accepts() {
        if (!process.isAlive()) {
            throw new AssertionError("nginx exited with " + process.exitValue() + ": " + errorLog());
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(unreadable " + file + ": " + e + ")";
        }
    }
}

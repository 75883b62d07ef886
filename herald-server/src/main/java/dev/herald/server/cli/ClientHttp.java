package dev.herald.server.cli;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The HTTP client of {@code listen} and {@code publish}, built on a background thread as the program starts.
 * Building a JDK client is the slowest step before the first request (it sets up TLS even for http:// URLs)
 * and needs nothing from the command line, so it runs while picocli reads the arguments instead of after.
 */
public final class ClientHttp {

    /** The subcommands that make HTTP requests. */
    private static final Set<String> COMMANDS = Set.of("listen", "publish");

    private static final CompletableFuture<HttpClient> CLIENT = new CompletableFuture<>();
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private ClientHttp() {
    }

    /** Starts building the client on a daemon thread when {@code args} run a subcommand that needs it. */
    public static void prepareFor(String[] args) {
        if (args.length > 0 && COMMANDS.contains(args[0]) && STARTED.compareAndSet(false, true)) {
            Thread builder = new Thread(ClientHttp::build, "herald-http-setup");
            builder.setDaemon(true);
            builder.start();
        }
    }

    /** The client: waits for the one being built, or builds it on this thread if none was started. */
    static HttpClient get() {
        if (STARTED.compareAndSet(false, true)) {
            build();
        }
        return CLIENT.join();
    }

    private static void build() {
        try {
            // As the client library's shared client: HTTP/1.1, so a dead connection can be dropped and replaced.
            CLIENT.complete(HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build());
        } catch (RuntimeException | Error e) {
            CLIENT.completeExceptionally(e);
        }
    }
}

package dev.herald.server.cli;

import dev.herald.client.CloseReason;
import dev.herald.client.ErrorEvent;
import dev.herald.client.EventSource;
import dev.herald.client.EventSourceBuilder;
import dev.herald.client.OpenEvent;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code herald listen}: follows an event stream with the Java {@code EventSource} and prints each event,
 * reconnecting with {@code Last-Event-ID} as a browser does. Runs on the client library alone, so it starts
 * in a fraction of a second: it must never touch Vert.x or the hub.
 */
@Command(name = "listen", sortOptions = false,
        description = {"Print the events of a Server-Sent Events stream, e.g. a Mercure hub's, as they arrive.",
            "Reconnects by itself, resuming after the last event id. Exits 0 when the server answers 204;"
                + " fatal errors go to stderr with the exit status below."})
public final class ListenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SubcommandHelp help;

    @Parameters(index = "0", paramLabel = "URL",
            description = "The stream to follow, e.g. http://localhost:8080/.well-known/mercure")
    URI url;

    @Option(names = "--topic", paramLabel = "T", description = "Add a topic or selector (query parameter topic=T); repeatable.")
    List<String> topics = new ArrayList<>();

    @Option(names = "--last-event-id", paramLabel = "ID", description = "Start after this event id (sent as Last-Event-ID).")
    String lastEventId;

    @Option(names = "--header", paramLabel = "'K: V'", description = "Send this header with every request, e.g. 'Authorization: Bearer ...'; repeatable.")
    List<String> headers = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON object per line, {\"type\":...,\"data\":...,\"lastEventId\":...}, and nothing else.")
    boolean json;

    @Option(names = "--max-retries", paramLabel = "N", defaultValue = "10", showDefaultValue = CommandLine.Help.Visibility.ALWAYS,
            description = {"Give up after N failed reconnections in a row (refused, reset, 429/502/503/504).",
                "Waits grow from the server's retry: up to 30 s with jitter; an open connection resets the count."})
    int maxRetries;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        EventPrinter printer = json ? EventPrinter.jsonLines(spec.commandLine().getOut())
                : EventPrinter.humanReadable(spec.commandLine().getOut());
        // Counted down when the source closes, or when stdout is gone and there is no one left to print for.
        CountDownLatch done = new CountDownLatch(1);
        AtomicBoolean outputGone = new AtomicBoolean();
        EventSource source = builder(err)
                .onEvent(event -> {
                    if (!printer.print(event) && outputGone.compareAndSet(false, true)) {
                        done.countDown();
                    }
                })
                .onClosed(reason -> done.countDown())
                .start();
        try {
            done.await();
            source.close();
            source.awaitClosed(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            source.close();
            Thread.currentThread().interrupt();
            return ExitCodes.INTERRUPTED;
        }
        return outputGone.get() ? ExitCodes.OK : exitStatus(source.closeReason().orElseThrow(), err);
    }

    private static int exitStatus(CloseReason reason, PrintWriter err) {
        if (reason.kind() == CloseReason.Kind.FAILED) {
            err.println("herald listen: " + reason.failure().getMessage());
            err.flush();
            return ExitCodes.forListenFailure(reason.failure());
        }
        return reason.kind() == CloseReason.Kind.STOPPED_BY_SERVER ? ExitCodes.OK : ExitCodes.INTERRUPTED;
    }

    private EventSourceBuilder builder(PrintWriter err) {
        ConnectionNotices notices = new ConnectionNotices(err);
        try {
            EventSourceBuilder builder = EventSource.builder(url)
                    .httpClient(ClientHttp.get())
                    .errorStrategy(new ListenRetryPolicy(maxRetries))
                    .onOpen(notices::opened)
                    .onError(notices::failed);
            topics.forEach(builder::topic);
            for (String header : headers) {
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("--header must look like 'Name: value', got '" + header + "'");
                }
                builder.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
            }
            if (lastEventId != null) {
                builder.lastEventId(lastEventId);
            }
            return builder;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** One stderr line per retried failure and per reconnection; quiet while all is well. */
    private static final class ConnectionNotices {
        private final PrintWriter err;
        private boolean failedSinceOpen;

        ConnectionNotices(PrintWriter err) {
            this.err = err;
        }

        void opened(OpenEvent open) {
            if (failedSinceOpen) {
                String resume = open.lastEventIdSent().isEmpty() ? "" : ", resuming after " + open.lastEventIdSent();
                notice("reconnected to " + open.uri() + resume);
            }
            failedSinceOpen = false;
        }

        void failed(ErrorEvent error) {
            failedSinceOpen = true;
            if (error.willRetry()) {
                notice(error.failure().getMessage() + "; reconnecting in "
                        + String.format(Locale.ROOT, "%.1f s", error.retryDelay().toMillis() / 1000.0));
            }
        }

        private void notice(String line) {
            err.println("herald listen: " + line);
            err.flush();
        }
    }
}

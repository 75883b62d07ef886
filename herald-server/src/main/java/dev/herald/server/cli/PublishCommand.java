package dev.herald.server.cli;

import dev.herald.client.HeraldPublisher;
import dev.herald.client.PublishException;
import dev.herald.client.Update;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code herald publish}: posts one update to a Mercure hub and prints the id the hub gave it. */
@Command(name = "publish", sortOptions = false,
        description = {"Publish one update to a Mercure hub (POST, form-encoded) and print its id.",
            "A refusal prints the hub's reason on stderr and exits with the status below."})
public final class PublishCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SubcommandHelp help;

    @Parameters(index = "0", paramLabel = "URL", description = "The hub, e.g. http://localhost:8080/.well-known/mercure")
    URI url;

    @Option(names = "--topic", paramLabel = "T", required = true, description = "A topic the update goes to; repeatable.")
    List<String> topics = new ArrayList<>();

    @Option(names = "--data", paramLabel = "D", description = "The payload (may span lines); none by default.")
    String data;

    @Option(names = "--data-file", paramLabel = "F", description = "Read the payload from file F, as is; - for standard input.")
    Path dataFile;

    @Option(names = "--id", description = "The update's id; the hub generates one (urn:uuid:...) without it.")
    String id;

    @Option(names = "--type", description = "The SSE event type; message without it.")
    String type;

    @Option(names = "--retry", paramLabel = "MS", description = "The reconnection time to send subscribers, in milliseconds.")
    Long retryMillis;

    @Option(names = "--private", description = "Deliver only to subscribers whose token allows one of the topics.")
    boolean privateUpdate;

    @Option(names = "--token", paramLabel = "JWT", defaultValue = "${env:HERALD_TOKEN}",
            showDefaultValue = CommandLine.Help.Visibility.NEVER,
            description = "The publisher's JWT (env HERALD_TOKEN); a development-mode hub needs none from this machine.")
    String token;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HeraldPublisher publisher = publisher();
        Update update = update();
        try {
            out.println(publisher.publish(update));
            out.flush();
            return ExitCodes.OK;
        } catch (PublishException e) {
            String later = e.retryAfter().map(d -> " (Retry-After: " + d.toSeconds() + " s)").orElse("");
            String noToken = e.status() == 401 && !hasToken()
                    ? "; no token was sent: give one with --token or HERALD_TOKEN (herald token mints one)" : "";
            return fail(err, url + " refused the update: " + e.getMessage() + later + noToken,
                    ExitCodes.forStatus(e.status()));
        } catch (HttpTimeoutException e) {
            return fail(err, url + " did not answer within " + HeraldPublisher.DEFAULT_TIMEOUT.toSeconds()
                    + " s; the update may or may not have been published", ExitCodes.UNREACHABLE);
        } catch (IOException e) {
            return fail(err, "could not reach " + url + ": " + e + "; check that the hub is running and the URL is right",
                    ExitCodes.UNREACHABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERRUPTED;
        }
    }

    private HeraldPublisher publisher() {
        try {
            HeraldPublisher publisher = HeraldPublisher.to(url).withHttpClient(ClientHttp.get());
            return hasToken() ? publisher.withToken(token.strip()) : publisher;
        } catch (IllegalArgumentException e) {
            throw usage("--token: " + e.getMessage(), e);
        }
    }

    private boolean hasToken() {
        return token != null && !token.isBlank();
    }

    private Update update() {
        if (data != null && dataFile != null) {
            throw usage("give --data or --data-file, not both", null);
        }
        try {
            return new Update(topics, payload(), id, type, retryMillis == null ? null : Duration.ofMillis(retryMillis),
                    privateUpdate);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage(), e);
        }
    }

    private String payload() {
        if (dataFile == null) {
            return data == null ? "" : data;
        }
        try {
            byte[] bytes = dataFile.toString().equals("-") ? System.in.readAllBytes() : Files.readAllBytes(dataFile);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw usage("--data-file: cannot read " + dataFile + " (" + e + ")", e);
        }
    }

    private CommandLine.ParameterException usage(String message, Exception cause) {
        return new CommandLine.ParameterException(spec.commandLine(), message, cause);
    }

    private static int fail(PrintWriter err, String message, int status) {
        err.println("herald publish: " + message);
        err.flush();
        return status;
    }
}

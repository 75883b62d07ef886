package dev.herald.client;

import dev.herald.client.internal.FormBody;
import dev.herald.client.internal.SharedHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Publishes updates to a Mercure hub (Herald's {@code POST /.well-known/mercure}): one form-encoded POST
 * per update, authorized by a JWT, answered with the update's id. Immutable and thread-safe; share one.
 */
public final class HeraldPublisher {

    /** How long a publish waits for the hub's answer by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The longest reason kept from an error body: a hub sends one line, anything longer is noise. */
    private static final int MAX_REASON_CHARS = 500;

    private final URI hubUri;
    /** Null for no token; asked before each publish, so a supplier may re-mint a token before it expires. */
    private final Supplier<String> token;
    /** Null for the shared client, looked up when first needed: building one is the costliest start-up step. */
    private final HttpClient httpClient;
    private final Duration timeout;

    private HeraldPublisher(URI hubUri, Supplier<String> token, HttpClient httpClient, Duration timeout) {
        this.hubUri = hubUri;
        this.token = token;
        this.httpClient = httpClient;
        this.timeout = timeout;
    }

    /** A publisher posting to {@code hubUri} (e.g. {@code https://host/.well-known/mercure}) without a token. */
    public static HeraldPublisher to(URI hubUri) {
        Objects.requireNonNull(hubUri, "hubUri");
        return new HeraldPublisher(hubUri, null, null, DEFAULT_TIMEOUT);
    }

    /** This publisher sending {@code jwt} as {@code Authorization: Bearer …}. */
    public HeraldPublisher withToken(String jwt) {
        String checked = checkedToken(jwt);
        return new HeraldPublisher(hubUri, () -> checked, httpClient, timeout);
    }

    /**
     * This publisher asking {@code tokens} for the JWT before each publish, for tokens that are re-minted
     * before they expire. The supplier is called on the publishing thread and must be thread-safe.
     */
    public HeraldPublisher withTokens(Supplier<String> tokens) {
        return new HeraldPublisher(hubUri, Objects.requireNonNull(tokens, "tokens"), httpClient, timeout);
    }

    /** This publisher making its requests with {@code client}. */
    public HeraldPublisher withHttpClient(HttpClient client) {
        return new HeraldPublisher(hubUri, token, Objects.requireNonNull(client, "client"), timeout);
    }

    /** This publisher waiting at most {@code timeout} for each answer. */
    public HeraldPublisher withTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0, got " + timeout);
        }
        return new HeraldPublisher(hubUri, token, httpClient, timeout);
    }

    /** Publishes {@code data} (e.g. JSON) to {@code topic} and returns the id the hub gave it; see {@link #publish(Update)}. */
    public String publish(String topic, String data) throws IOException, InterruptedException {
        return publish(Update.of(topic, data));
    }

    /**
     * Publishes {@code update} and returns the id the hub gave it. Throws {@link PublishException} when the
     * hub refuses it (status, reason and advice inside), and other {@link IOException}s when the hub cannot
     * be reached or does not answer in time; after those the update may or may not have been published.
     */
    public String publish(Update update) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(hubUri)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(FormBody.of(update), StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + checkedToken(token.get()));
        }
        HttpClient client = httpClient != null ? httpClient : SharedHttpClient.get();
        HttpResponse<String> response = client.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String body = response.body().strip();
        if (response.statusCode() / 100 != 2) {
            throw new PublishException(response.statusCode(), firstLine(body), response.headers());
        }
        return body;
    }

    private static String checkedToken(String jwt) {
        Objects.requireNonNull(jwt, "jwt");
        if (jwt.isBlank() || jwt.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException("jwt must be a non-empty token of printable ASCII without spaces");
        }
        return jwt;
    }

    private static String firstLine(String body) {
        int lineEnd = body.indexOf('\n');
        String line = (lineEnd < 0 ? body : body.substring(0, lineEnd)).strip();
        return line.length() > MAX_REASON_CHARS ? line.substring(0, MAX_REASON_CHARS) + "…" : line;
    }
}

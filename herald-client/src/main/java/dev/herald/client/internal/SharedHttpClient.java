package dev.herald.client.internal;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The {@link HttpClient} used when the caller brings none. One per JVM, made on first use: each client
 * owns a selector thread and a connection pool, so one per event source would waste both.
 */
public final class SharedHttpClient {

    private SharedHttpClient() {
    }

    /** The shared client: HTTP/2 when the server offers it, redirects followed, 10 s connect timeout. */
    public static HttpClient get() {
        return Holder.CLIENT;
    }

    private static final class Holder {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }
}

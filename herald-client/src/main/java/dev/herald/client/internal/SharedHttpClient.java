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

    /**
     * The shared client: HTTP/1.1 (a silently dead HTTP/2 connection could not be dropped, and every request
     * multiplexed on it would stall), redirects followed, 10 s connect timeout.
     */
    public static HttpClient get() {
        return Holder.CLIENT;
    }

    private static final class Holder {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }
}

package dev.herald.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several listeners share one port, each on an event loop of its own, and connections go to all of them. */
class ListenersTest {

    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void threeListenersOnAFreePortServeConnectionsFromThreeEventLoops() throws Exception {
        Listeners listeners = start(3, 0);
        assertThat(listeners.count()).isEqualTo(3);
        assertThat(listeners.port()).isPositive();
        // A client per request, so a connection per request: each lands on the next listener.
        Set<String> threads = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            threads.add(get(listeners.port(), i));
        }
        assertThat(threads).hasSize(3).allMatch(name -> name.startsWith("vert.x-eventloop-thread-"));
    }

    @Test
    void aTakenPortFailsTheStartNamingTheCause() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> start(2, taken.getLocalPort())).hasMessageContaining("Address already in use");
        }
    }

    @Test
    void closingStopsEveryListener() throws Exception {
        Listeners listeners = start(2, 0);
        int port = listeners.port();
        listeners.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        // The port is free again: nothing of the listeners holds it.
        try (ServerSocket again = new ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    private Listeners start(int count, int port) throws Exception {
        return Listeners.start(vertx, count, port, p -> vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(p))
                        .requestHandler(request -> request.response().end(Thread.currentThread().getName())))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String get(int port, int i) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + i)).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}

package dev.herald.server.internal.http;

import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The node's HTTP listeners: one per event loop, all on the same port. Vert.x shares the listening socket
 * between servers of one address and hands each accepted connection to the next of them, so a node's
 * connections (and the writes of its broadcasts) spread over as many cores as it has loops.
 *
 * <p>Each server is made inside a deployment instance, which is what gives it an event loop of its own.
 */
public final class Listeners {

    private final List<HttpServer> servers;

    private Listeners(List<HttpServer> servers) {
        this.servers = List.copyOf(servers);
    }

    /**
     * Starts {@code count} servers made by {@code create} (given the port to listen on) and completes once all
     * listen on {@code port}, or on one free port they share when it is 0.
     */
    public static Future<Listeners> start(Vertx vertx, int count, int port, IntFunction<HttpServer> create) {
        // Vert.x shares a listening socket between servers of the same address; port 0 is never shared, while a
        // negative port means a free port shared by every server asking for that same negative number.
        int shared = port == 0 ? -1 : port;
        List<HttpServer> started = Collections.synchronizedList(new ArrayList<>());
        Supplier<Deployable> listener = () -> context -> create.apply(shared).listen().onSuccess(started::add);
        return vertx.deployVerticle(listener, new DeploymentOptions().setInstances(count))
                .map(id -> new Listeners(started))
                .recover(failure -> closeAll(started).transform(ignored -> Future.failedFuture(failure)));
    }

    /** The port the servers listen on. */
    public int port() {
        return servers.get(0).actualPort();
    }

    /** How many servers (event loops) accept connections. */
    public int count() {
        return servers.size();
    }

    /** Stops accepting: closes every server. */
    public Future<Void> close() {
        return closeAll(servers);
    }

    private static Future<Void> closeAll(List<HttpServer> servers) {
        List<Future<Void>> closing;
        // The list being started is a synchronized one, which must be locked to be iterated.
        synchronized (servers) {
            closing = servers.stream().map(HttpServer::close).toList();
        }
        return Future.join(closing).mapEmpty();
    }
}

package dev.herald.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.hub.CloseReason;
import dev.herald.hub.Heartbeats;
import dev.herald.hub.Hub;
import dev.herald.hub.HubOptions;
import dev.herald.server.internal.auth.Authorizer;
import dev.herald.server.internal.auth.JwtVerifier;
import dev.herald.server.internal.cluster.ClusterView;
import dev.herald.server.internal.http.ErrorResponder;
import dev.herald.server.internal.http.EventStreams;
import dev.herald.server.internal.http.HealthEndpoint;
import dev.herald.server.internal.http.HttpRoutes;
import dev.herald.server.internal.http.MercureEndpoint;
import dev.herald.server.internal.http.SeedApi;
import dev.herald.server.internal.http.StatsEndpoint;
import dev.herald.server.internal.storage.HubBacking;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A running Herald node: the hub behind its HTTP face. Start one with {@link #start(ServerConfig)} and stop
 * it with {@link #stop()}; tests embed it the same way the command line runs it.
 */
public final class HeraldServer implements AutoCloseable {

    /** Topics or selectors accepted in one request; bounds the work of one subscribe or publish. */
    static final int MAX_TOPICS = 100;

    private final ServerConfig config;
    private final Vertx vertx;
    private final Hub hub;
    private final EventStreams streams;
    private final HttpServer http;
    private final AutoCloseable storage;
    private volatile boolean serving = true;

    private HeraldServer(ServerConfig config, Vertx vertx, Hub hub, EventStreams streams, HttpServer http, AutoCloseable storage) {
        this.config = config;
        this.vertx = vertx;
        this.hub = hub;
        this.streams = streams;
        this.http = http;
        this.storage = storage;
    }

    /** Starts a node with the in-memory log; see {@link #start(ServerConfig, StorageConfig)}. */
    public static HeraldServer start(ServerConfig config) {
        return start(config, StorageConfig.memory());
    }

    /**
     * Starts a node as {@code config} says and returns once it listens. Without a publisher key it runs in
     * development mode: it generates a key, accepts anonymous subscribers and token-less publishes from
     * loopback, and logs a ready token for other machines. With a Redis {@code storage} it joins the cluster
     * sharing that Redis stream.
     */
    public static HeraldServer start(ServerConfig config, StorageConfig storage) {
        boolean development = config.developmentMode();
        String publisherKey = development ? DevelopmentMode.generateKey() : config.publisherJwtKey();
        boolean anonymous = config.anonymous() || development;
        HubBacking backing = HubBacking.create(config, storage);
        Vertx vertx = Vertx.vertx();
        Hub hub = new Hub(backing.log(), backing.broker(),
                HubOptions.defaults().withOutboundBudget(config.outboundBudgetBytes()), backing.replayExecutor(), System::nanoTime);
        EventStreams streams = new EventStreams(hub, config.heartbeatSeconds() * 1000L, config.retryMillis(), backing.blocking());
        String subscriberKey = config.subscriberJwtKey() == null ? publisherKey : config.subscriberJwtKey();
        Authorizer authorizer = new Authorizer(new JwtVerifier(publisherKey, Clock.systemUTC()),
                new JwtVerifier(subscriberKey, Clock.systemUTC()), anonymous, development);
        ObjectMapper json = new ObjectMapper();
        ClusterView cluster = ClusterView.start(hub, backing.directory(), nodeId(config), storage.clusterRefresh());
        AutoCloseable resources = () -> {
            cluster.close();
            backing.resources().close();
        };
        HeraldServer[] self = new HeraldServer[1];
        BooleanSupplier ready = () -> self[0] == null || self[0].serving;
        var router = HttpRoutes.router(vertx,
                new MercureEndpoint(hub, authorizer, streams, MAX_TOPICS),
                new SeedApi(hub, authorizer, streams, json, cluster),
                new HealthEndpoint(ready),
                new StatsEndpoint(cluster, authorizer, json),
                new ErrorResponder(config.maxBodyBytes()),
                config.maxBodyBytes());
        HttpServer http = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
                .requestHandler(router);
        try {
            await(http.listen().toCompletionStage().toCompletableFuture(), 10);
        } catch (RuntimeException e) {
            hub.close();
            vertx.close();
            closeQuietly(resources);
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + rootMessage(e) + "; is another process using the port? choose another with --port", e);
        }
        if (config.heartbeatSeconds() > 0) {
            Heartbeats heartbeats = new Heartbeats(hub, config.heartbeatSeconds() * 1000L);
            vertx.setPeriodic(heartbeats.sweepPeriodMillis(), id -> heartbeats.sweep());
        }
        self[0] = new HeraldServer(config, vertx, hub, streams, http, resources);
        if (development) {
            DevelopmentMode.announce(self[0].port(), publisherKey);
        }
        return self[0];
    }

    /** A name for this node in the cluster view: the machine, the configured port, and a random part for uniqueness. */
    private static String nodeId(ServerConfig config) {
        String host = System.getenv().getOrDefault("HOSTNAME", "herald");
        String port = config.port() == 0 ? "" : config.port() + "-";
        return host + "-" + port + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    /** The TCP port the server listens on (the chosen one when configured with port 0). */
    public int port() {
        return http.actualPort();
    }

    /** The configuration it runs with. */
    public ServerConfig config() {
        return config;
    }

    /** The hub, for embedding programs and tests. */
    public Hub hub() {
        return hub;
    }

    /**
     * Stops gracefully: marks the node not ready, ends every stream with a jittered {@code retry:} so clients
     * come back spread out, waits briefly for those last bytes, then closes the listener and Vert.x.
     */
    public void stop() {
        if (!serving) {
            return;
        }
        serving = false;
        hub.close(CloseReason.SHUTDOWN);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (streams.openStreams() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            await(http.close().toCompletionStage().toCompletableFuture(), 2);
        } catch (RuntimeException ignored) {
            // Closing a listener that already failed is not worth failing the shutdown for.
        }
        try {
            await(vertx.close().toCompletionStage().toCompletableFuture(), 2);
        } catch (RuntimeException ignored) {
            // Vert.x threads are daemons; the process still exits.
        }
        closeQuietly(storage);
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception ignored) {
            // Shutting down: a storage client that fails to close must not keep the node from stopping.
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future, int seconds) {
        try {
            return future.get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out after " + seconds + " s", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}

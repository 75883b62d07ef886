package dev.herald.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.hub.CloseReason;
import dev.herald.hub.Heartbeats;
import dev.herald.hub.Hub;
import dev.herald.hub.HubOptions;
import dev.herald.presence.MemoryPresenceRegistry;
import dev.herald.presence.PresenceRegistry;
import dev.herald.server.internal.apps.AppContext;
import dev.herald.server.internal.apps.Apps;
import dev.herald.server.internal.http.AuthCookieEndpoint;
import dev.herald.server.internal.http.CorsHandler;
import dev.herald.server.internal.http.InvalidRequests;
import dev.herald.server.internal.http.Listeners;
import dev.herald.server.internal.http.ServerTransport;
import dev.herald.server.internal.http.ServerVertx;
import dev.herald.server.internal.http.StreamObserver;
import dev.herald.server.internal.http.SubscriptionsEndpoint;
import dev.herald.server.internal.limits.ConnectionGuard;
import dev.herald.server.internal.limits.LimitEvents;
import dev.herald.server.internal.limits.PublishRateLimiter;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.Map;
import dev.herald.server.internal.auth.Authorizer;
import dev.herald.server.internal.auth.JwtVerifier;
import dev.herald.server.internal.cluster.ClusterView;
import dev.herald.server.internal.auth.TokenSource;
import dev.herald.server.internal.http.Origins;
import dev.herald.server.internal.http.ErrorResponder;
import dev.herald.server.internal.http.EventStreams;
import dev.herald.server.internal.http.ExpiringStreams;
import dev.herald.server.internal.http.HealthEndpoint;
import dev.herald.server.internal.http.MetricsEndpoint;
import dev.herald.server.internal.http.ReadyEndpoint;
import dev.herald.server.internal.metrics.HeraldMetrics;
import dev.herald.server.internal.metrics.OpenStreams;
import dev.herald.log.MemoryEventLog;
import dev.herald.server.internal.http.HttpRoutes;
import dev.herald.server.internal.http.HubCalls;
import dev.herald.server.internal.http.MercureEndpoint;
import dev.herald.server.internal.http.SeedApi;
import dev.herald.server.internal.http.StatsEndpoint;
import dev.herald.server.internal.storage.HubBacking;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * A running Herald node: the hub behind its HTTP face. Start one with {@link #start(ServerConfig)} and stop
 * it with {@link #stop()}; tests embed it the same way the command line runs it.
 */
public final class HeraldServer implements AutoCloseable {

    private final ServerConfig config;
    private final Vertx vertx;
    private final Hub hub;
    private final EventStreams streams;
    private final Listeners listeners;
    private final LimitEvents limitEvents;
    private final ConnectionGuard guard;
    private final AutoCloseable storage;
    private final HeraldMetrics metrics;
    private volatile boolean serving = true;

    private HeraldServer(ServerConfig config, Vertx vertx, Hub hub, EventStreams streams, Listeners listeners,
                         LimitEvents limitEvents, ConnectionGuard guard, AutoCloseable storage, HeraldMetrics metrics) {
        this.metrics = metrics;
        this.config = config;
        this.storage = storage;
        this.limitEvents = limitEvents;
        this.guard = guard;
        this.vertx = vertx;
        this.hub = hub;
        this.streams = streams;
        this.listeners = listeners;
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
        return start(config, storage, MetricsConfig.defaults());
    }

    /** Starts a node as above, serving {@code GET /metrics} as {@code metricsConfig} says (the meters are kept either way). */
    public static HeraldServer start(ServerConfig config, StorageConfig storage, MetricsConfig metricsConfig) {
        boolean development = config.developmentMode();
        JwtKey publisherKey = development ? JwtKey.hs256(DevelopmentMode.generateKey()) : config.auth().publisher();
        HubBacking backing = HubBacking.create(config, storage);
        Vertx vertx = ServerVertx.create(config.eventLoopCount());
        HeraldMetrics metrics = new HeraldMetrics(backing.appendedAtMillis());
        HubOptions options = HubOptions.defaults().withOutboundBudget(config.outboundBudgetBytes());
        Hub hub = new Hub(backing.log(), backing.broker(),
                config.apps() ? options.withConflatedTopics(Apps.CONFLATED_TOPICS) : options, backing.replayExecutor(),
                System::nanoTime, metrics);
        Guards guards = Guards.of(config, metrics);
        Authorizer authorizer = authorizer(config, publisherKey, guards.origins());
        ObjectMapper json = new ObjectMapper();
        String nodeId = nodeId(config);
        // Only the subscriptions API reads presence; without it no node pays for a shared registry.
        PresenceRegistry presence = config.subscriptionsApi() ? backing.presence().apply(nodeId) : new MemoryPresenceRegistry();
        ClusterView cluster = ClusterView.start(hub, backing.directory(), presence, nodeId, storage.clusterRefresh());
        SubscriptionsEndpoint subscriptions = config.subscriptionsApi()
                ? SubscriptionsEndpoint.create(hub, cluster.presence(), authorizer, json,
                        new HubCalls(backing.blocking())) : null;
        List<StreamObserver> observers = new ArrayList<>(List.of(guards.expiring(), guards.connections(), new OpenStreams(metrics)));
        if (subscriptions != null) {
            observers.add(subscriptions.events());
        }
        EventStreams streams = new EventStreams(hub, config.heartbeatSeconds() * 1000L, config.retryMillis(),
                backing.blocking(), observers, metrics::written);
        registerGauges(metrics, backing, guards.connections());
        Apps apps = config.apps() ? Apps.create(new AppContext(vertx, hub, streams, authorizer, json, guards.publishRate(),
                config.limits().maxBodyBytes(), guards.connections()::openConnections,
                config.limits().maxUploadBytes(), guards.connections()::progressed)) : null;
        AutoCloseable resources = () -> {
            if (apps != null) {
                apps.close();
            }
            cluster.close();
            backing.resources().close();
            metrics.close();
        };
        HeraldServer[] self = new HeraldServer[1];
        BooleanSupplier ready = () -> !hub.isClosed() && (self[0] == null || self[0].serving);
        HttpRoutes.Handlers handlers = new HttpRoutes.Handlers(
                List.of(guards.connections()::admit, new CorsHandler(guards.origins())::handle),
                new MercureEndpoint(hub, authorizer, streams, config.limits().maxTopics(), guards.publishRate()),
                new AuthCookieEndpoint(authorizer, guards.origins(), config.auth().cookieName(),
                        config.auth().cookieSameSite(), Clock.systemUTC()),
                subscriptions,
                new SeedApi(hub, authorizer, streams, json, cluster, guards.publishRate()),
                new HealthEndpoint(ready),
                new ReadyEndpoint(ready, backing.log(), json),
                new StatsEndpoint(cluster, authorizer, json),
                metricsConfig.enabled() ? new MetricsEndpoint(metrics, metricsConfig.token()) : null,
                new ErrorResponder(config.limits().maxBodyBytes()),
                apps);
        Router router = HttpRoutes.router(vertx, handlers, config.limits().maxBodyBytes());
        Listeners listeners = listen(config, vertx, hub, port -> httpServer(config, port, vertx, guards, router), resources);
        startSweeps(config, vertx, hub, guards);
        self[0] = new HeraldServer(config, vertx, hub, streams, listeners, guards.events(), guards.connections(), resources, metrics);
        if (development) {
            DevelopmentMode.announce(self[0].port(), publisherKey.key(), config.tls().enabled());
        }
        return self[0];
    }

    /** A name for this node in the cluster view: the machine, the configured port, and a random part for uniqueness. */
    private static String nodeId(ServerConfig config) {
        String host = System.getenv().getOrDefault("HOSTNAME", "herald");
        String port = config.port() == 0 ? "" : config.port() + "-";
        return host + "-" + port + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    /** The bounds and policies every request passes through, built from the configuration. */
    private record Guards(LimitEvents events, ConnectionGuard connections, PublishRateLimiter publishRate,
                          ExpiringStreams expiring, Origins origins) {
        static Guards of(ServerConfig config, HeraldMetrics metrics) {
            LimitsConfig limits = config.limits();
            LimitEvents events = new LimitEvents(metrics::limitBit);
            return new Guards(events,
                    new ConnectionGuard(limits.maxConnections(), limits.maxConnectionsPerIp(),
                            limits.requestTimeoutSeconds(), events),
                    new PublishRateLimiter(limits.publishRate(), events),
                    new ExpiringStreams(Clock.systemUTC()),
                    new Origins(config.corsOrigins()));
        }
    }

    /** Gauges read at each scrape: cheap reads of state the node keeps anyway, never a call to Redis. */
    private static void registerGauges(HeraldMetrics metrics, HubBacking backing, ConnectionGuard connections) {
        metrics.gauge("herald.connections.open", "Client connections open now", connections, ConnectionGuard::openConnections);
        metrics.gauge("herald.dispatch.backlog", "Updates logged and waiting for this node's fan-out (in-process broker;"
                + " 0 with Redis, whose tailer fans out as it reads)", backing.broker(), broker -> broker.backlog());
        if (backing.log() instanceof MemoryEventLog memory) {
            metrics.gauge("herald.log.entries", "Updates kept in the in-memory log for replay", memory, MemoryEventLog::size);
            metrics.gauge("herald.log.bytes", "Encoded bytes kept in the in-memory log for replay", memory, MemoryEventLog::bytes);
        }
    }

    private static HttpServer httpServer(ServerConfig config, int port, Vertx vertx, Guards guards, Router router) {
        return vertx.createHttpServer(ServerTransport.options(config.host(), port, config.limits(), config.tls()))
                .connectionHandler(guards.connections()::onConnection)
                .invalidRequestHandler(request -> {
                    // Heads Vert.x cannot decode (414, 431, 400) never reach the router: count and answer them here.
                    guards.events().bit(InvalidRequests.limitOf(request), "a malformed or oversized request head");
                    InvalidRequests.answer(request, config.limits());
                })
                .requestHandler(router);
    }

    /** One listener per event loop on the configured port; a port taken stops the start with what to do. */
    private static Listeners listen(ServerConfig config, Vertx vertx, Hub hub, IntFunction<HttpServer> server,
                                    AutoCloseable resources) {
        try {
            return await(Listeners.start(vertx, config.eventLoopCount(), config.port(), server)
                    .toCompletionStage().toCompletableFuture(), 10);
        } catch (RuntimeException e) {
            hub.close();
            vertx.close();
            closeQuietly(resources);
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + rootMessage(e) + "; is another process using the port? choose another with --port", e);
        }
    }

    /** The shared periodic sweeps: no timer per connection anywhere. */
    private static void startSweeps(ServerConfig config, Vertx vertx, Hub hub, Guards guards) {
        if (config.heartbeatSeconds() > 0) {
            Heartbeats heartbeats = new Heartbeats(hub, config.heartbeatSeconds() * 1000L);
            vertx.setPeriodic(heartbeats.sweepPeriodMillis(), id -> heartbeats.sweep());
        }
        // Streams whose token expired get an auth_required event and end, within a second.
        vertx.setPeriodic(1000, id -> guards.expiring().sweep());
        // Slowloris: a quarter of the timeout apart, so a dawdling connection lives at most 1.25 x the timeout.
        vertx.setPeriodic(Math.max(100, config.limits().requestTimeoutSeconds() * 250L), id -> guards.connections().sweep());
        vertx.setPeriodic(1000, id -> guards.publishRate().sweep());
    }

    private static Authorizer authorizer(ServerConfig config, JwtKey publisherKey, Origins origins) {
        AuthConfig auth = config.auth();
        JwtKey subscriberKey = auth.subscriber() == null ? publisherKey : auth.subscriber();
        Clock clock = Clock.systemUTC();
        return new Authorizer(JwtVerifier.of(publisherKey, auth.jwksUrl(), auth.leewaySeconds(), clock),
                JwtVerifier.of(subscriberKey, auth.jwksUrl(), auth.leewaySeconds(), clock),
                auth.anonymous() || config.developmentMode(), config.developmentMode(),
                new TokenSource(auth.cookieName(), auth.allowQueryToken()), origins);
    }

    /** The TCP port the server listens on (the chosen one when configured with port 0). */
    public int port() {
        return listeners.port();
    }

    /** How many event loops serve its connections, each with a listener of its own on the port. */
    public int eventLoops() {
        return listeners.count();
    }

    /** The configuration it runs with. */
    public ServerConfig config() {
        return config;
    }

    /** How many times each limit refused something since startup, keyed by its flag; a metric for operators and tests. */
    public Map<String, Long> limitCounts() {
        return limitEvents.counts();
    }

    /** Every meter in the Prometheus text format, as {@code GET /metrics} answers it. */
    public String scrapeMetrics() {
        return metrics.scrape();
    }

    /** Client connections open now (admitted or being refused). */
    public int openConnections() {
        return guard.openConnections();
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
            await(listeners.close().toCompletionStage().toCompletableFuture(), 2);
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

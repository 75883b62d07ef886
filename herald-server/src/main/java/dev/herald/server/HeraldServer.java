package dev.herald.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.broker.LocalBroker;
import dev.herald.hub.CloseReason;
import dev.herald.hub.Heartbeats;
import dev.herald.hub.Hub;
import dev.herald.hub.HubOptions;
import dev.herald.log.MemoryEventLog;
import dev.herald.server.internal.auth.Authorizer;
import dev.herald.server.internal.auth.JwtVerifier;
import dev.herald.server.internal.auth.TokenSource;
import dev.herald.server.internal.http.Origins;
import dev.herald.server.internal.http.ErrorResponder;
import dev.herald.server.internal.http.EventStreams;
import dev.herald.server.internal.http.ExpiringStreams;
import dev.herald.server.internal.http.HealthEndpoint;
import dev.herald.server.internal.http.HttpRoutes;
import dev.herald.server.internal.http.MercureEndpoint;
import dev.herald.server.internal.http.SeedApi;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A running Herald node: the hub behind its HTTP face. Start one with {@link #start(ServerConfig)} and stop
 * it with {@link #stop()}; tests embed it the same way the command line runs it.
 */
public final class HeraldServer implements AutoCloseable {

    private final ServerConfig config;
    private final Vertx vertx;
    private final Hub hub;
    private final EventStreams streams;
    private final HttpServer http;
    private volatile boolean serving = true;

    private HeraldServer(ServerConfig config, Vertx vertx, Hub hub, EventStreams streams, HttpServer http) {
        this.config = config;
        this.vertx = vertx;
        this.hub = hub;
        this.streams = streams;
        this.http = http;
    }

    /**
     * Starts a node as {@code config} says and returns once it listens. Without a publisher key it runs in
     * development mode: it generates a key, accepts anonymous subscribers and token-less publishes from
     * loopback, and logs a ready token for other machines.
     */
    public static HeraldServer start(ServerConfig config) {
        boolean development = config.developmentMode();
        JwtKey publisherKey = development ? JwtKey.hs256(DevelopmentMode.generateKey()) : config.auth().publisher();
        Vertx vertx = Vertx.vertx();
        Hub hub = new Hub(new MemoryEventLog(config.historySize(), config.historyBytes()), new LocalBroker(),
                HubOptions.defaults().withOutboundBudget(config.outboundBudgetBytes()), Runnable::run, System::nanoTime);
        ExpiringStreams expiring = new ExpiringStreams(Clock.systemUTC());
        EventStreams streams = new EventStreams(hub, config.heartbeatSeconds() * 1000L, config.retryMillis(),
                List.of(expiring));
        Origins origins = new Origins(config.corsOrigins());
        Authorizer authorizer = authorizer(config, publisherKey, origins);
        ObjectMapper json = new ObjectMapper();
        HeraldServer[] self = new HeraldServer[1];
        BooleanSupplier ready = () -> self[0] == null || self[0].serving;
        var router = HttpRoutes.router(vertx,
                new MercureEndpoint(hub, authorizer, streams, config.limits().maxTopics()),
                new SeedApi(hub, authorizer, streams, json),
                new HealthEndpoint(ready),
                new ErrorResponder(config.limits().maxBodyBytes()),
                config.limits().maxBodyBytes());
        HttpServer http = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
                .requestHandler(router);
        try {
            await(http.listen().toCompletionStage().toCompletableFuture(), 10);
        } catch (RuntimeException e) {
            hub.close();
            vertx.close();
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + rootMessage(e) + "; is another process using the port? choose another with --port", e);
        }
        if (config.heartbeatSeconds() > 0) {
            Heartbeats heartbeats = new Heartbeats(hub, config.heartbeatSeconds() * 1000L);
            vertx.setPeriodic(heartbeats.sweepPeriodMillis(), id -> heartbeats.sweep());
        }
        // One sweep a second ends streams whose token expired (an auth_required event, then the end).
        vertx.setPeriodic(1000, id -> expiring.sweep());
        self[0] = new HeraldServer(config, vertx, hub, streams, http);
        if (development) {
            DevelopmentMode.announce(self[0].port(), publisherKey.key());
        }
        return self[0];
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

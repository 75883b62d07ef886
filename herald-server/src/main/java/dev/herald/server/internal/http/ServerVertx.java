package dev.herald.server.internal.http;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Vert.x instance a node runs on: the native transport (epoll) where the platform has it, NIO elsewhere. */
public final class ServerVertx {

    private static final Logger LOG = LoggerFactory.getLogger(ServerVertx.class);

    private ServerVertx() {
    }

    /**
     * A new Vert.x preferring the native transport, saying in the log which transport it got, with at least
     * {@code listeners} event loops, so that each listener gets one of its own.
     */
    public static Vertx create(int listeners) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true)
                .setEventLoopPoolSize(Math.max(listeners, VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE)));
        if (!vertx.isNativeTransportEnabled()) {
            LOG.debug("running on the NIO transport: {}", String.valueOf(vertx.unavailableNativeTransportCause()));
        }
        return vertx;
    }
}

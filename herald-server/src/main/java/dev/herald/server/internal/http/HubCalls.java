package dev.herald.server.internal.http;

import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs hub calls that may touch the log where they belong: inline when the log is in memory, on a Vert.x
 * worker thread when it is network or disk I/O, so that no event loop ever waits for Redis (a Redis that
 * hangs for its command timeout would otherwise stall every connection on that loop).
 */
public final class HubCalls {

    private final boolean blocking;

    /** Calls that leave the event loop when {@code blocking}. */
    public HubCalls(boolean blocking) {
        this.blocking = blocking;
    }

    /**
     * Runs {@code call}, then {@code then} with its result on the request's event loop; a failure of either
     * goes to the router's failure handler (so a {@code LogUnavailableException} answers 503).
     */
    public <T> void run(RoutingContext ctx, Supplier<T> call, Consumer<T> then) {
        if (!blocking) {
            then.accept(call.get());
            return;
        }
        ctx.vertx().<T>executeBlocking(call::get, false).onComplete(result -> {
            if (result.failed()) {
                ctx.fail(result.cause());
                return;
            }
            try {
                then.accept(result.result());
            } catch (RuntimeException e) {
                ctx.fail(e);
            }
        });
    }
}

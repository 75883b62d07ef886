package dev.herald.server.internal.http;

import dev.herald.hub.Subscription;
import dev.herald.server.internal.auth.MercureClaims;
import io.vertx.ext.web.RoutingContext;

/** Told on the event loop when an event stream opens, so features (token expiry, limits, presence) can follow it. */
public interface StreamObserver {

    /** The stream of {@code ctx} opened with {@code subscription} and {@code claims}; returns what to run when it ends. */
    Runnable opened(RoutingContext ctx, Subscription subscription, MercureClaims claims);
}

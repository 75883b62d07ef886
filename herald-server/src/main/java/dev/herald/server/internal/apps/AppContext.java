package dev.herald.server.internal.apps;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.hub.Hub;
import dev.herald.server.internal.auth.Authorizer;
import dev.herald.server.internal.http.EventStreams;
import dev.herald.server.internal.http.PublishPolicy;
import io.vertx.core.Vertx;
import java.util.function.IntSupplier;

/**
 * What the applications share with the rest of the server: they publish and subscribe through the same hub
 * and open their streams with the same {@link EventStreams}, so they are adapters, not a second delivery path.
 *
 * @param vertx timers for feeds and tickers
 * @param maxBodyBytes the request body limit ({@code --max-body}) for routes that read a body
 * @param openConnections the node's open client connections now, for the home page's counters
 */
public record AppContext(Vertx vertx, Hub hub, EventStreams streams, Authorizer authorizer, ObjectMapper json,
                         PublishPolicy publishPolicy, long maxBodyBytes, IntSupplier openConnections) {
}

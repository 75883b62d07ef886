package dev.herald.server.internal.http;

import dev.herald.server.internal.auth.MercureClaims;
import io.vertx.core.http.HttpServerRequest;

/** A check every authorized publish passes before it reaches the hub, such as a rate limit. */
public interface PublishPolicy {

    /** No check. */
    PublishPolicy NONE = (request, claims) -> { };

    /** Returns when {@code request}, authorized as {@code claims}, may publish now; otherwise throws an {@link HttpError}. */
    void check(HttpServerRequest request, MercureClaims claims);
}

package dev.herald.server.internal.http;

import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which browser origins may use the hub: the configured allow-list ({@code --cors-origin}), or any origin
 * when it is {@code *} (then never with credentials), plus the hub's own origin.
 */
public final class Origins {

    private final List<String> allowed;
    private final boolean any;

    /** Origins as configured: exact {@code scheme://host[:port]} strings, or just {@code *}. */
    public Origins(List<String> allowed) {
        this.any = allowed.contains("*");
        this.allowed = allowed.stream().map(origin -> origin.toLowerCase(Locale.ROOT)).toList();
    }

    /** True when any cross-origin use is configured. */
    public boolean enabled() {
        return any || !allowed.isEmpty();
    }

    /** True when every origin is allowed, without credentials. */
    public boolean anyOrigin() {
        return any;
    }

    /** True when pages of {@code origin} may call the hub with credentials (cookies). */
    public boolean allowsWithCredentials(String origin) {
        return origin != null && allowed.contains(origin.toLowerCase(Locale.ROOT));
    }

    /** True when pages of {@code origin} may read the hub's responses (with or without credentials). */
    public boolean allows(String origin) {
        return any || allowsWithCredentials(origin);
    }

    /**
     * True when the request carries an {@code Origin} that is neither the hub's own nor allowed with
     * credentials: such a request must not act on an ambient cookie (cross-site request forgery).
     */
    public boolean isForeignForCredentials(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        return origin != null && !isSameOrigin(request, origin) && !allowsWithCredentials(origin);
    }

    /** True when {@code origin} names the host the request was sent to (the Host header or :authority). */
    public static boolean isSameOrigin(HttpServerRequest request, String origin) {
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null) {
                return false;
            }
            var authority = request.authority();
            String host = authority == null ? null
                    : authority.port() >= 0 ? authority.host() + ":" + authority.port() : authority.host();
            String originAuthority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && host.equalsIgnoreCase(originAuthority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

package dev.herald.server.internal.auth;

import dev.herald.hub.TopicSelector;
import dev.herald.server.internal.http.HttpError;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Decides who may publish and subscribe, from the JWT in the {@code Authorization} header or the
 * {@code mercureAuthorization} cookie.
 *
 * <p>In development mode (no key configured) publishing without a token is allowed from loopback addresses
 * only, and not from a page of another origin (a cross-site form post); other machines need the token the
 * hub logged at startup.
 */
public final class Authorizer {

    /** The cookie a browser {@code EventSource} with credentials sends, as the Mercure protocol names it. */
    public static final String COOKIE = "mercureAuthorization";

    private static final MercureClaims LOOPBACK_DEVELOPER =
            new MercureClaims(List.of(TopicSelector.parse("*")), List.of());

    private final JwtVerifier publisherVerifier;
    private final JwtVerifier subscriberVerifier;
    private final boolean anonymousSubscribers;
    private final boolean developmentMode;

    /** An authorizer with the given verifiers and rules. */
    public Authorizer(JwtVerifier publisherVerifier, JwtVerifier subscriberVerifier,
                      boolean anonymousSubscribers, boolean developmentMode) {
        this.publisherVerifier = publisherVerifier;
        this.subscriberVerifier = subscriberVerifier;
        this.anonymousSubscribers = anonymousSubscribers;
        this.developmentMode = developmentMode;
    }

    /** The claims of a publisher allowed to publish to every one of {@code topics}, or an {@link HttpError} 401/403. */
    public MercureClaims authorizePublish(HttpServerRequest request, List<String> topics) {
        String token = tokenOf(request);
        MercureClaims claims;
        if (token == null) {
            if (!developmentMode || !isLoopback(request) || isCrossOrigin(request)) {
                throw HttpError.unauthorized("publishing requires a JWT with a mercure.publish claim"
                        + " (Authorization: Bearer <token> or the " + COOKIE + " cookie)");
            }
            claims = LOOPBACK_DEVELOPER;
        } else {
            claims = verify(publisherVerifier, token);
        }
        String forbidden = claims.firstForbidden(topics);
        if (forbidden != null || claims.publish().isEmpty()) {
            throw HttpError.forbidden("the JWT's mercure.publish claim does not allow publishing to topic \""
                    + (forbidden == null ? topics.get(0) : forbidden) + "\"");
        }
        return claims;
    }

    /** The claims of a subscriber (none when anonymous and allowed), or an {@link HttpError} 401. */
    public MercureClaims authorizeSubscribe(HttpServerRequest request) {
        String token = tokenOf(request);
        if (token == null) {
            if (!anonymousSubscribers) {
                throw HttpError.unauthorized("subscribing requires a JWT (Authorization: Bearer <token> or the "
                        + COOKIE + " cookie); this hub does not accept anonymous subscribers (--anonymous)");
            }
            return MercureClaims.NONE;
        }
        return verify(subscriberVerifier, token);
    }

    private static MercureClaims verify(JwtVerifier verifier, String token) {
        try {
            return verifier.verify(token);
        } catch (InvalidTokenException e) {
            throw HttpError.unauthorized(e.getMessage());
        }
    }

    private static String tokenOf(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null) {
            if (header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
                return header.substring(7).trim();
            }
            throw HttpError.unauthorized("the Authorization header must be \"Bearer <token>\"");
        }
        Cookie cookie = request.getCookie(COOKIE);
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }

    private static boolean isLoopback(HttpServerRequest request) {
        if (request.remoteAddress() == null || request.remoteAddress().host() == null) {
            return false;
        }
        try {
            return InetAddress.getByName(request.remoteAddress().host()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isCrossOrigin(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            String host = request.getHeader("Host");
            String originAuthority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host == null || !host.equalsIgnoreCase(originAuthority);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}

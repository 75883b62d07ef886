package dev.herald.server.internal.auth;

import dev.herald.hub.TopicSelector;
import dev.herald.server.internal.auth.TokenSource.Credential;
import dev.herald.server.internal.http.HttpError;
import dev.herald.server.internal.http.Origins;
import io.vertx.core.http.HttpServerRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Decides who may publish and subscribe, from the JWT a request carries (see {@link TokenSource}).
 *
 * <p>A token from the cookie is ambient authority: the browser attaches it to requests that any page
 * makes, so a cookie-carried request from a foreign origin (not the hub's own, not allowed with
 * credentials by {@code --cors-origin}) is refused 403 (cross-site request forgery).
 *
 * <p>In development mode (no key configured) publishing without a token is allowed from loopback addresses
 * only, and not from a page of another origin (a cross-site form post); other machines need the token the
 * hub logged at startup.
 */
public final class Authorizer {

    private static final MercureClaims LOOPBACK_DEVELOPER =
            new MercureClaims(List.of(TopicSelector.parse("*")), List.of());

    private final JwtVerifier publisherVerifier;
    private final JwtVerifier subscriberVerifier;
    private final boolean anonymousSubscribers;
    private final boolean developmentMode;
    private final TokenSource tokens;
    private final Origins origins;

    /** An authorizer with the given verifiers, rules, token source and origin policy. */
    public Authorizer(JwtVerifier publisherVerifier, JwtVerifier subscriberVerifier, boolean anonymousSubscribers,
                      boolean developmentMode, TokenSource tokens, Origins origins) {
        this.publisherVerifier = publisherVerifier;
        this.subscriberVerifier = subscriberVerifier;
        this.anonymousSubscribers = anonymousSubscribers;
        this.developmentMode = developmentMode;
        this.tokens = tokens;
        this.origins = origins;
    }

    /** The claims of a publisher allowed to publish to every one of {@code topics}, or an {@link HttpError} 401/403. */
    public MercureClaims authorizePublish(HttpServerRequest request, List<String> topics) {
        Credential credential = credentialOf(request);
        MercureClaims claims;
        if (credential == null) {
            if (!developmentMode || !isLoopback(request) || isCrossOrigin(request)) {
                throw HttpError.unauthorized("publishing requires a JWT with a mercure.publish claim"
                        + " (Authorization: Bearer <token> or the " + tokens.cookieName() + " cookie)");
            }
            claims = LOOPBACK_DEVELOPER;
        } else {
            claims = verify(publisherVerifier, credential.token());
        }
        String forbidden = claims.firstForbidden(topics);
        if (forbidden != null || claims.publish().isEmpty()) {
            throw HttpError.forbidden("the JWT's mercure.publish claim does not allow publishing to topic \""
                    + (forbidden == null ? topics.get(0) : forbidden) + "\"");
        }
        return claims;
    }

    /** The claims of a subscriber (none when anonymous and allowed), or an {@link HttpError} 401/403. */
    public MercureClaims authorizeSubscribe(HttpServerRequest request) {
        Credential credential = credentialOf(request);
        if (credential == null) {
            if (!anonymousSubscribers) {
                throw HttpError.unauthorized("subscribing requires a JWT (Authorization: Bearer <token> or the "
                        + tokens.cookieName() + " cookie); this hub does not accept anonymous subscribers (--anonymous)");
            }
            return MercureClaims.NONE;
        }
        return verify(subscriberVerifier, credential.token());
    }

    /** The claims of a valid subscriber token, as the cookie endpoint checks it before setting the cookie. */
    public MercureClaims verifySubscriberToken(String token) {
        return verify(subscriberVerifier, token);
    }

    /** The request's credential; a cookie from a foreign origin is refused. */
    private Credential credentialOf(HttpServerRequest request) {
        Credential credential = tokens.find(request);
        if (credential != null && credential.origin() == TokenSource.Origin.COOKIE
                && origins.isForeignForCredentials(request)) {
            throw HttpError.forbidden("origin " + request.getHeader("Origin") + " may not use the "
                    + tokens.cookieName() + " cookie; allow it with --cors-origin");
        }
        return credential;
    }

    private static MercureClaims verify(JwtVerifier verifier, String token) {
        try {
            return verifier.verify(token);
        } catch (InvalidTokenException e) {
            throw HttpError.unauthorized(e.getMessage());
        }
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
        return origin != null && !Origins.isSameOrigin(request, origin);
    }
}

package dev.herald.server.internal.http;

import dev.herald.server.internal.auth.Authorizer;
import dev.herald.server.internal.auth.MercureClaims;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code POST /.well-known/mercure/auth} turns a subscriber token (sent as {@code Authorization: Bearer})
 * into the hub's cookie, so a page can then open {@code new EventSource(url, {withCredentials: true})}
 * without putting the token in the URL; {@code DELETE} clears it. The cookie is {@code HttpOnly} (page
 * scripts cannot steal it), {@code Secure} on TLS, {@code SameSite} as configured, scoped to the hub's
 * path, and lives as long as the token.
 */
public final class AuthCookieEndpoint {

    /** The path of the cookie endpoint. */
    public static final String PATH = MercureEndpoint.PATH + "/auth";

    private final Authorizer authorizer;
    private final Origins origins;
    private final String cookieName;
    private final CookieSameSite sameSite;
    private final Clock clock;

    /** An endpoint setting {@code cookieName} with {@code sameSite} ({@code Strict}, {@code Lax} or {@code None}). */
    public AuthCookieEndpoint(Authorizer authorizer, Origins origins, String cookieName, String sameSite, Clock clock) {
        this.authorizer = authorizer;
        this.origins = origins;
        this.cookieName = cookieName;
        this.sameSite = CookieSameSite.valueOf(sameSite.toUpperCase(Locale.ROOT));
        this.clock = clock;
    }

    /** POST: verifies the bearer token as a subscriber token and sets it as the cookie; 204. */
    public void set(RoutingContext ctx) {
        requireOwnOrAllowedOrigin(ctx.request());
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw HttpError.unauthorized("send the subscriber token to store as \"Authorization: Bearer <token>\"");
        }
        String token = header.substring(7).trim();
        MercureClaims claims = authorizer.verifySubscriberToken(token);
        Cookie cookie = cookie(ctx.request(), token);
        if (claims.validUntil() != null) {
            cookie.setMaxAge(Math.max(0, Duration.between(clock.instant(), claims.validUntil()).getSeconds()));
        }
        ctx.response().addCookie(cookie).putHeader("Cache-Control", "no-store").setStatusCode(204).end();
    }

    /** DELETE: clears the cookie; 204. */
    public void clear(RoutingContext ctx) {
        requireOwnOrAllowedOrigin(ctx.request());
        ctx.response().addCookie(cookie(ctx.request(), "").setMaxAge(0)).setStatusCode(204).end();
    }

    private Cookie cookie(HttpServerRequest request, String value) {
        // SameSite=None is only honoured by browsers on Secure cookies.
        boolean secure = request.isSSL() || sameSite == CookieSameSite.NONE;
        return Cookie.cookie(cookieName, value).setHttpOnly(true).setSecure(secure).setSameSite(sameSite)
                .setPath(MercureEndpoint.PATH);
    }

    /** A foreign page must not plant its own token in the user's cookie (login CSRF). */
    private void requireOwnOrAllowedOrigin(HttpServerRequest request) {
        if (origins.isForeignForCredentials(request)) {
            throw HttpError.forbidden("origin " + request.getHeader("Origin") + " may not set the hub's cookie;"
                    + " allow it with --cors-origin");
        }
    }
}

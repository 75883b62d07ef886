package dev.herald.server.internal.auth;

import dev.herald.server.internal.http.HttpError;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

/**
 * Finds the JWT a request carries: the {@code Authorization: Bearer} header first, then the
 * {@code authorization} query parameter (only when enabled: URLs end up in logs, proxies and browser
 * history), then the cookie (what {@code EventSource} with {@code withCredentials} sends).
 */
public final class TokenSource {

    /** The query parameter the Mercure protocol names for a token. */
    public static final String QUERY_PARAMETER = "authorization";

    /** Where a token came from; a cookie is ambient authority, so cross-origin use of it is checked. */
    public enum Origin { HEADER, QUERY, COOKIE }

    /** A token and where it came from. */
    public record Credential(String token, Origin origin) {
        @Override
        public String toString() {
            return "Credential[" + origin + "]";
        }
    }

    private final String cookieName;
    private final boolean allowQuery;

    /** Tokens from the header, the cookie {@code cookieName}, and the query only when {@code allowQuery}. */
    public TokenSource(String cookieName, boolean allowQuery) {
        this.cookieName = cookieName;
        this.allowQuery = allowQuery;
    }

    /** The cookie carrying tokens. */
    public String cookieName() {
        return cookieName;
    }

    /** The request's credential, or null when it carries none; an {@link HttpError} 401 when it is malformed or refused. */
    public Credential find(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null) {
            if (header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
                return new Credential(header.substring(7).trim(), Origin.HEADER);
            }
            throw HttpError.unauthorized("the Authorization header must be \"Bearer <token>\"");
        }
        String query = request.getParam(QUERY_PARAMETER);
        if (query != null && !query.isEmpty()) {
            if (!allowQuery) {
                throw HttpError.unauthorized("tokens in the URL (?" + QUERY_PARAMETER + "=) are refused on this hub:"
                        + " they leak into logs and browser history; send Authorization: Bearer or the "
                        + cookieName + " cookie, or start the hub with --allow-query-token");
            }
            return new Credential(query, Origin.QUERY);
        }
        Cookie cookie = request.getCookie(cookieName);
        return cookie == null || cookie.getValue().isEmpty() ? null : new Credential(cookie.getValue(), Origin.COOKIE);
    }
}

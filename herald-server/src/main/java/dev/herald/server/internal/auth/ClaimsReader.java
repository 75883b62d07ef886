package dev.herald.server.internal.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.herald.hub.TopicSelector;
import dev.herald.server.internal.PercentEncoding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code mercure} claim of a verified JWT.
 *
 * <h2>Per-user selectors: {@code {sub}}</h2>
 * In a {@code mercure.publish} or {@code mercure.subscribe} selector, the expression {@code {sub}} stands
 * for the token's own {@code sub} claim, percent-encoded, before the selector is parsed: a token for
 * {@code sub: alice} holding {@code /users/{sub}/notifications} authorizes exactly
 * {@code /users/alice/notifications}. As a plain URI template {@code {sub}} would match every user, so
 * Herald substitutes it, and refuses a token that uses {@code {sub}} without a {@code sub} claim: a
 * mistake then fails closed instead of opening everyone's private topics.
 */
final class ClaimsReader {

    static final String SUB_VARIABLE = "{sub}";
    /** Bounds the work one token can cause at every publish or dispatch it is matched against. */
    static final int MAX_SELECTORS = 1000;

    private ClaimsReader() {
    }

    static MercureClaims read(JWTClaimsSet claims, Instant validUntil) {
        Object mercure = claims.getClaim("mercure");
        String subject = claims.getSubject();
        if (mercure == null) {
            return new MercureClaims(List.of(), List.of(), subject, validUntil, null);
        }
        if (!(mercure instanceof Map<?, ?> map)) {
            throw new InvalidTokenException("JWT claim \"mercure\" must be an object");
        }
        return new MercureClaims(selectors(map.get("publish"), "publish", subject),
                selectors(map.get("subscribe"), "subscribe", subject), subject, validUntil, map.get("payload"));
    }

    private static List<TopicSelector> selectors(Object value, String name, String subject) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidTokenException("JWT claim \"mercure." + name + "\" must be an array of topic selectors");
        }
        if (list.size() > MAX_SELECTORS) {
            throw new InvalidTokenException("JWT claim \"mercure." + name + "\" has " + list.size()
                    + " selectors, at most " + MAX_SELECTORS + " are accepted");
        }
        List<TopicSelector> selectors = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String text)) {
                throw new InvalidTokenException("JWT claim \"mercure." + name + "\" must contain only strings");
            }
            try {
                selectors.add(TopicSelector.parse(substituteSubject(text, name, subject)));
            } catch (IllegalArgumentException e) {
                throw new InvalidTokenException("JWT claim \"mercure." + name + "\": " + e.getMessage());
            }
        }
        return selectors;
    }

    private static String substituteSubject(String selector, String name, String subject) {
        if (!selector.contains(SUB_VARIABLE)) {
            return selector;
        }
        if (subject == null || subject.isEmpty()) {
            throw new InvalidTokenException("JWT claim \"mercure." + name + "\" uses {sub} but the token has no"
                    + " \"sub\" claim");
        }
        return selector.replace(SUB_VARIABLE, PercentEncoding.encode(subject));
    }
}

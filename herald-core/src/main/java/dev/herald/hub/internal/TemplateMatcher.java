package dev.herald.hub.internal;

import java.util.Arrays;
import java.util.List;

/**
 * Decides whether a topic is one that an RFC 6570 level 1 template could expand to: the template's
 * literals appear literally, and each variable stands for a non-empty run of value units, a unit being
 * an unreserved character ({@code A-Z a-z 0-9 - . _ ~}) or a percent-encoded triplet ({@code %XX}).
 * That is exactly what a level 1 simple expansion can produce, so a variable never spans {@code /},
 * {@code ?}, {@code #} or any other reserved character.
 *
 * <p>Why no {@link java.util.regex.Pattern}: a template such as {@code {a}-{b}-{c}-{d}} is ambiguous
 * ({@code -} is both a literal and a value character), and a backtracking regex engine needs time
 * polynomial of degree "number of variables" to reject a topic like {@code a-a-a-…-a/}. Selectors come
 * from subscribers and are matched against every published topic, so that would let one subscriber
 * stall the publish path. This matcher instead tracks the set of positions each step can reach, which
 * bounds one match at O(topic length × template length) character steps, whatever the input.
 *
 * <p>Immutable and thread-safe. Templates with one variable (the common case) and topics that fail the
 * prefix, suffix or length check allocate nothing; others allocate two small scratch arrays per match.
 */
public final class TemplateMatcher {

    private final String prefix;
    private final String[] inner;
    private final String suffix;
    private final int minLength;

    /**
     * A matcher for the template whose literal parts are {@code literals}, in order: the text before the
     * first variable, between each two variables, and after the last (each possibly empty).
     */
    TemplateMatcher(List<String> literals) {
        if (literals.size() < 2) {
            throw new IllegalArgumentException("a template has at least one variable, so at least two literals");
        }
        this.prefix = literals.get(0);
        this.inner = literals.subList(1, literals.size() - 1).toArray(new String[0]);
        this.suffix = literals.get(literals.size() - 1);
        int length = 0;
        for (String literal : literals) {
            length += literal.length();
        }
        // Each variable stands for at least one character, since empty values do not match.
        this.minLength = length + inner.length + 1;
    }

    /** Whether {@code topic} is a possible expansion of the template, every variable being non-empty. */
    public boolean matches(String topic) {
        if (topic.length() < minLength || !topic.startsWith(prefix) || !topic.endsWith(suffix)) {
            return false;
        }
        int start = prefix.length();
        int end = topic.length() - suffix.length();
        if (inner.length == 0) {
            // Both ends are anchored, so a single variable leaves no choice: the middle must be one value.
            return isValue(topic, start, end);
        }
        return matchesBetween(topic, start, end);
    }

    /**
     * Whether {@code topic[start, end)} matches the variables and inner literals. {@code reach[i]} says
     * that the template so far can match exactly {@code topic[start, start + i)}; each variable and each
     * literal turns one such set into the next, in one pass over the span.
     */
    private boolean matchesBetween(String topic, int start, int end) {
        int width = end - start + 1;
        boolean[] reach = new boolean[width];
        boolean[] afterValue = new boolean[width];
        reach[0] = true;
        for (String literal : inner) {
            if (!extendByValue(topic, start, end, reach, afterValue)
                    || !extendByLiteral(topic, start, literal, afterValue, reach)) {
                return false;
            }
        }
        extendByValue(topic, start, end, reach, afterValue);
        return afterValue[width - 1];
    }

    /**
     * Fills {@code to} with the positions one non-empty value after a position in {@code from}; answers
     * whether there is any. A position is one value after another if whole units lead from one to the
     * other, so walking the span once in order, following one unit from each live position, finds them all.
     */
    private static boolean extendByValue(String topic, int start, int end, boolean[] from, boolean[] to) {
        boolean any = false;
        Arrays.fill(to, false);
        for (int i = 0; i < to.length; i++) {
            if (from[i] || to[i]) {
                int next = unitEnd(topic, start + i, end);
                if (next > 0) {
                    to[next - start] = true;
                    any = true;
                }
            }
        }
        return any;
    }

    /** Fills {@code to} with the positions just after {@code literal} found at a position in {@code from}. */
    private static boolean extendByLiteral(String topic, int start, String literal, boolean[] from, boolean[] to) {
        boolean any = false;
        Arrays.fill(to, false);
        for (int i = 0; i + literal.length() < to.length; i++) {
            if (from[i] && topic.startsWith(literal, start + i)) {
                to[i + literal.length()] = true;
                any = true;
            }
        }
        return any;
    }

    /** Whether {@code text[start, end)} is a non-empty sequence of value units. */
    static boolean isValue(String text, int start, int end) {
        if (start >= end) {
            return false;
        }
        int i = start;
        while (i < end) {
            i = unitEnd(text, i, end);
            if (i < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The index just after the value unit that starts at {@code i} and ends by {@code end}, or -1 if no
     * unit starts there.
     */
    static int unitEnd(String text, int i, int end) {
        if (i >= end) {
            return -1;
        }
        char c = text.charAt(i);
        if (isUnreserved(c)) {
            return i + 1;
        }
        if (c == '%' && i + 2 < end && isHexDigit(text.charAt(i + 1)) && isHexDigit(text.charAt(i + 2))) {
            return i + 3;
        }
        return -1;
    }

    /** RFC 3986 unreserved: ALPHA / DIGIT / "-" / "." / "_" / "~" (ASCII only). */
    static boolean isUnreserved(char c) {
        return isAsciiLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** RFC 5234 HEXDIG, case-insensitive as ABNF strings are, so {@code %2f} is accepted like {@code %2F}. */
    static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }

    /** ASCII ALPHA / DIGIT; {@link Character#isLetterOrDigit} would also accept non-ASCII letters. */
    static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}

package dev.herald.hub.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a topic selector that contains braces against RFC 6570 level 1 ({@code {name}} expressions
 * only) and compiles it into a {@link TemplateMatcher}.
 *
 * <p>Every rejection is an {@link IllegalArgumentException} whose message quotes the selector, names the
 * problem and its index, and says what to write instead. Literal text between expressions is taken as
 * is: characters that RFC 6570 does not allow in literals (such as {@code ^} or {@code \}) are accepted
 * and matched literally, because a selector is only ever matched, never expanded into a URI.
 *
 * <p>Stateless and thread-safe. Not API: may change without notice.
 */
public final class TemplateParser {

    /** Operators of RFC 6570 levels 2 and 3, and those it reserves for future extensions. */
    private static final String OPERATORS = "+#./;?&=,!@|";

    private static final String LEVEL_1_ONLY = "only RFC 6570 level 1 templates ({name}) are supported";

    private TemplateParser() {
    }

    /**
     * Compiles {@code selector}, which the caller has already checked to be non-empty, bounded and free
     * of control characters.
     *
     * @throws IllegalArgumentException if the braces do not form valid level 1 expressions
     */
    public static TemplateMatcher compile(String selector) {
        List<String> literals = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int literalStart = 0;
        int i = 0;
        while (i < selector.length()) {
            char c = selector.charAt(i);
            if (c == '}') {
                throw invalid(selector, "has a '}' at index " + i + " without a matching '{'; remove it, or open"
                        + " a variable before it as in {name}");
            }
            if (c != '{') {
                i++;
                continue;
            }
            int close = closingBrace(selector, i);
            String name = selector.substring(i + 1, close);
            checkVariable(selector, i, name);
            if (!names.add(name)) {
                throw invalid(selector, "repeats the variable {" + name + "} at index " + i + "; give each variable"
                        + " its own name (a repeated variable would have to match the same value twice)");
            }
            literals.add(selector.substring(literalStart, i));
            i = close + 1;
            literalStart = i;
        }
        literals.add(selector.substring(literalStart));
        return new TemplateMatcher(literals);
    }

    /** The index of the '}' closing the expression opened at {@code open}. */
    private static int closingBrace(String selector, int open) {
        for (int j = open + 1; j < selector.length(); j++) {
            char c = selector.charAt(j);
            if (c == '}') {
                return j;
            }
            if (c == '{') {
                throw invalid(selector, "has a '{' at index " + j + " inside the variable opened at index " + open
                        + "; variables cannot be nested, close the first one with '}'");
            }
        }
        throw invalid(selector, "has an unclosed '{' at index " + open + "; close the variable with '}', as in {name}");
    }

    /** Checks the expression {@code {body}} opened at {@code open}: one RFC 6570 varname, no operator or modifier. */
    private static void checkVariable(String selector, int open, String body) {
        String expression = "{" + body + "}";
        String where = " in " + expression + " at index " + open;
        if (body.isEmpty()) {
            throw invalid(selector, "has an empty variable {} at index " + open + "; name it, as in {id}");
        }
        if (OPERATORS.indexOf(body.charAt(0)) >= 0) {
            throw invalid(selector, "uses the operator '" + body.charAt(0) + "'" + where + "; " + LEVEL_1_ONLY);
        }
        int j = 0;
        while (j < body.length()) {
            char c = body.charAt(j);
            if (c == ',') {
                throw invalid(selector, "lists several variables" + where + "; " + LEVEL_1_ONLY
                        + ", so give each variable its own braces");
            } else if (c == '*') {
                throw invalid(selector, "uses the explode modifier '*'" + where + "; " + LEVEL_1_ONLY);
            } else if (c == ':') {
                throw invalid(selector, "uses a prefix modifier ':'" + where + "; " + LEVEL_1_ONLY);
            } else if (c == '%') {
                j = checkPercentEncoded(selector, body, j, where);
            } else if (c == '.') {
                j = checkDot(selector, body, j, where);
            } else if (c == '_' || TemplateMatcher.isAsciiLetterOrDigit(c)) {
                j++;
            } else {
                throw invalid(selector, "has the character " + Texts.describe(c) + " in a variable name" + where
                        + "; a variable name may contain only ASCII letters, digits, '_', %XX escapes,"
                        + " and '.' between parts");
            }
        }
    }

    /** Checks the {@code %XX} at {@code body[j]} and answers the index after it. */
    private static int checkPercentEncoded(String selector, String body, int j, String where) {
        if (j + 2 >= body.length()
                || !TemplateMatcher.isHexDigit(body.charAt(j + 1))
                || !TemplateMatcher.isHexDigit(body.charAt(j + 2))) {
            throw invalid(selector, "has an incomplete percent-encoding in a variable name" + where
                    + "; '%' must be followed by two hexadecimal digits");
        }
        return j + 3;
    }

    /** Checks that the '.' at {@code body[j]} (never the first character) separates two name parts. */
    private static int checkDot(String selector, String body, int j, String where) {
        if (j + 1 == body.length() || body.charAt(j + 1) == '.') {
            throw invalid(selector, "has a '.' that does not separate two parts of a variable name" + where
                    + "; write names like {a.b}, without a leading, trailing or doubled '.'");
        }
        return j + 1;
    }

    private static IllegalArgumentException invalid(String selector, String problem) {
        return new IllegalArgumentException("topic selector " + Texts.quote(selector) + " " + problem);
    }
}

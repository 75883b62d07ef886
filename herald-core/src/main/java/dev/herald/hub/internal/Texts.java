package dev.herald.hub.internal;

/**
 * Helpers for checking topic and selector text and for showing it in error messages.
 *
 * <p>Not API: may change without notice.
 */
public final class Texts {

    /**
     * How much of an offending value an error message shows: enough to recognise it, while a hostile
     * multi-kilobyte value never floods a log line or an HTTP reason.
     */
    private static final int SHOWN_CHARS = 100;

    private Texts() {
    }

    /**
     * The index of the first control character in {@code text} (C0, DEL or C1, as
     * {@link Character#isISOControl} defines them), or -1 if it has none.
     */
    public static int indexOfControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** {@code text} in double quotes, cut after 100 characters, with control characters escaped. */
    public static String quote(String text) {
        boolean cut = text.length() > SHOWN_CHARS;
        String shown = cut ? text.substring(0, SHOWN_CHARS) : text;
        StringBuilder out = new StringBuilder(shown.length() + 8).append('"');
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(escape(c));
            } else {
                out.append(c);
            }
        }
        return out.append(cut ? "…\"" : "\"").toString();
    }

    /** {@code c} as a reader can identify it in a message: {@code ' ' (U+0020)}. */
    public static String describe(char c) {
        String shown = Character.isISOControl(c) ? escape(c) : String.valueOf(c);
        return "'" + shown + "' (" + codePoint(c) + ")";
    }

    /** {@code c} as {@code U+000A}. */
    public static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }

    private static String escape(char c) {
        return switch (c) {
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case '\0' -> "\\0";
            default -> String.format("\\u%04X", (int) c);
        };
    }
}

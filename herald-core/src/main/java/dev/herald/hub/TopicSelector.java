package dev.herald.hub;

import java.util.regex.Pattern;

/** Stub until the selector branch lands. */
public final class TopicSelector {
    private final String text;
    private final Pattern pattern;

    private TopicSelector(String text) {
        this.text = text;
        this.pattern = text.contains("{") ? Pattern.compile(Pattern.quote(text).replaceAll("\\{[^}]*\\}", "\\\\E[A-Za-z0-9._~%-]+\\\\Q")) : null;
    }

    public static TopicSelector parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty selector");
        }
        return new TopicSelector(text);
    }

    public boolean matches(String topic) {
        if (isWildcard()) {
            return true;
        }
        return pattern == null ? text.equals(topic) : pattern.matcher(topic).matches();
    }

    public String text() {
        return text;
    }

    public boolean isWildcard() {
        return text.equals("*");
    }

    public boolean isTemplate() {
        return pattern != null;
    }

    public boolean isExact() {
        return !isWildcard() && !isTemplate();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicSelector t && t.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}

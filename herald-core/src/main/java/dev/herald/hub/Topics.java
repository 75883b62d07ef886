package dev.herald.hub;

import dev.herald.hub.internal.Texts;
import java.util.Objects;

/**
 * Rules for topics, the identifiers a publisher sends updates to (the Mercure {@code topic} field).
 *
 * <p>A topic is any non-empty text of at most {@link #MAX_LENGTH} characters without control characters;
 * an IRI such as {@code https://example.com/books/1} is recommended but not required. Braces are allowed:
 * a selector equal to such a topic still matches it exactly.
 */
public final class Topics {

    /**
     * The longest topic accepted, in UTF-16 chars. Every published topic is matched against every
     * subscriber's selectors and kept in the event log, so the bound caps the CPU one update costs the
     * publish path and the memory it holds.
     */
    public static final int MAX_LENGTH = 2048;

    private Topics() {
    }

    /**
     * Answers {@code topic} if it is a valid topic: non-empty, at most {@link #MAX_LENGTH} characters, and
     * free of control characters (C0, DEL and C1, which could break log lines or headers downstream).
     *
     * @throws IllegalArgumentException naming the problem and, for a control character, its index
     * @throws NullPointerException if {@code topic} is null
     */
    public static String requireValidTopic(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty()) {
            throw new IllegalArgumentException("topic must not be empty; name the resource that changed,"
                    + " e.g. https://example.com/books/1");
        }
        if (topic.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("topic " + Texts.quote(topic) + " is " + topic.length()
                    + " characters long, over the limit of " + MAX_LENGTH + "; use a shorter identifier");
        }
        int control = Texts.indexOfControl(topic);
        if (control >= 0) {
            throw new IllegalArgumentException("topic " + Texts.quote(topic) + " contains the control character "
                    + Texts.codePoint(topic.charAt(control)) + " at index " + control
                    + "; topics must not contain control characters, remove it");
        }
        return topic;
    }
}

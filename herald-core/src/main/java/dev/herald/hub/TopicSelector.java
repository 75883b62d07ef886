package dev.herald.hub;

import dev.herald.hub.internal.TemplateMatcher;
import dev.herald.hub.internal.TemplateParser;
import dev.herald.hub.internal.Texts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A Mercure topic selector: the expression a subscriber follows topics by, and the form of the
 * {@code mercure.subscribe} and {@code mercure.publish} JWT claims. It is one of three kinds:
 * <ul>
 *   <li>the wildcard {@code *}, which matches every topic;</li>
 *   <li>a URI template (RFC 6570, level 1 only: {@code {name}} expressions) such as
 *       {@code https://example.com/books/{id}}, which matches every topic the template could expand to,
 *       and also its own text, so that a claim can authorize a subscription to that very template;</li>
 *   <li>otherwise an exact selector, which matches the one topic equal to it, character for character.</li>
 * </ul>
 *
 * <p>A variable matches a <em>non-empty</em> run of unreserved characters ({@code A-Z a-z 0-9 - . _ ~})
 * and {@code %XX} escapes, that is what a level 1 expansion of a defined value produces. RFC 6570 would
 * also expand an empty or undefined value to nothing, but then {@code /books/{id}} would match
 * {@code /books/}, the collection itself, which is rarely what a subscriber or a claim means. A variable
 * therefore never spans {@code /}, {@code ?}, {@code #}, raw non-ASCII text or other reserved characters.
 * Literal text matches itself only: no character of a selector is ever a pattern metacharacter.
 *
 * <p>Immutable and thread-safe; two selectors are equal when their texts are. Matching is meant for the
 * publish path: it allocates nothing for the wildcard, exact selectors and one-variable templates, and its
 * time is bounded by topic length × selector length, whatever the input.
 */
public final class TopicSelector {

    /**
     * The longest selector accepted, in UTF-16 chars. Selectors come from subscribers and are matched
     * against every published topic, so the bound caps the CPU one selector can cost the publish path and
     * the memory a subscription holds. It equals {@link Topics#MAX_LENGTH}, so any valid topic can be
     * selected exactly.
     */
    public static final int MAX_LENGTH = Topics.MAX_LENGTH;

    private static final String WILDCARD = "*";

    private final String text;
    private final boolean wildcard;
    /** Null unless this is a template. */
    private final TemplateMatcher template;

    private TopicSelector(String text, TemplateMatcher template) {
        this.text = text;
        this.wildcard = text.equals(WILDCARD);
        this.template = template;
    }

    /**
     * The selector written as {@code text}: {@code *}, a level 1 URI template if it contains a brace, or
     * else an exact topic.
     *
     * @throws IllegalArgumentException if {@code text} is empty, longer than {@link #MAX_LENGTH}, contains
     *     a control character, or has braces that are not valid level 1 expressions; the message quotes
     *     the selector, names the problem and says how to fix it
     * @throws NullPointerException if {@code text} is null
     */
    public static TopicSelector parse(String text) {
        Objects.requireNonNull(text, "topic selector");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("topic selector must not be empty; use \"*\" to follow every topic");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("topic selector " + Texts.quote(text) + " is " + text.length()
                    + " characters long, over the limit of " + MAX_LENGTH + "; use a shorter topic or a template");
        }
        int control = Texts.indexOfControl(text);
        if (control >= 0) {
            throw new IllegalArgumentException("topic selector " + Texts.quote(text) + " contains the control"
                    + " character " + Texts.codePoint(text.charAt(control)) + " at index " + control
                    + "; remove it (topics never contain control characters)");
        }
        if (text.indexOf('{') < 0 && text.indexOf('}') < 0) {
            return new TopicSelector(text, null);
        }
        return new TopicSelector(text, TemplateParser.compile(text));
    }

    /**
     * The selectors written as {@code texts}, in order, as an unmodifiable list.
     *
     * @throws IllegalArgumentException for the first invalid one, with its position (counting from 1)
     *     and {@link #parse}'s message
     * @throws NullPointerException if {@code texts} or one of its elements is null
     */
    public static List<TopicSelector> parseAll(Collection<String> texts) {
        List<TopicSelector> selectors = new ArrayList<>(texts.size());
        for (String text : texts) {
            try {
                selectors.add(parse(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("selector " + (selectors.size() + 1) + " of " + texts.size()
                        + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(selectors);
    }

    /** Whether at least one of {@code selectors} matches {@code topic}; false for an empty list. */
    public static boolean anyMatches(List<TopicSelector> selectors, String topic) {
        Objects.requireNonNull(topic, "topic");
        for (TopicSelector selector : selectors) {
            if (selector.matches(topic)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether this selector matches {@code topic}, as described on the class. The topic is not validated
     * here (that is {@link Topics#requireValidTopic}'s job, once per publish).
     */
    public boolean matches(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (wildcard || text.equals(topic)) {
            return true;
        }
        return template != null && template.matches(topic);
    }

    /** The selector exactly as written. */
    public String text() {
        return text;
    }

    /** Whether this is {@code *}, which matches every topic. */
    public boolean isWildcard() {
        return wildcard;
    }

    /** Whether this is a URI template with at least one variable. */
    public boolean isTemplate() {
        return template != null;
    }

    /** Whether this selector matches only the topic equal to its text (neither wildcard nor template). */
    public boolean isExact() {
        return !wildcard && template == null;
    }

    /** Equal when the other is a selector with the same text. */
    @Override
    public boolean equals(Object other) {
        return other instanceof TopicSelector that && that.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The selector's text. */
    @Override
    public String toString() {
        return text;
    }
}

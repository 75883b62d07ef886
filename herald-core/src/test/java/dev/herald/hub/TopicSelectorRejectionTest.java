package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile and malformed selectors: each is refused with a message that names the selector and the problem. */
class TopicSelectorRejectionTest {

    private static final String LEVEL_1_ONLY = "only RFC 6570 level 1 templates ({name}) are supported";

    private static void assertRejected(String selector, String expectedMessagePart) {
        assertThatThrownBy(() -> TopicSelector.parse(selector))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(expectedMessagePart);
    }

    @Test
    void emptySelectorIsRejected() {
        assertThatThrownBy(() -> TopicSelector.parse(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topic selector must not be empty; use \"*\" to follow every topic");
    }

    @Test
    void unclosedBraceIsRejectedWithItsIndex() {
        assertThatThrownBy(() -> TopicSelector.parse("https://x/{id"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topic selector \"https://x/{id\" has an unclosed '{' at index 10;"
                        + " close the variable with '}', as in {name}");
    }

    @Test
    void closingBraceWithoutOpeningIsRejected() {
        assertRejected("https://x/id}", "topic selector \"https://x/id}\" has a '}' at index 12 without a matching '{'");
        assertRejected("https://x/{id}}", "has a '}' at index 14 without a matching '{'");
    }

    @Test
    void nestedBracesAreRejected() {
        assertRejected("https://x/{a{b}}", "has a '{' at index 12 inside the variable opened at index 10;"
                + " variables cannot be nested");
    }

    @Test
    void emptyVariableIsRejected() {
        assertRejected("https://x/{}", "has an empty variable {} at index 10; name it, as in {id}");
    }

    @ParameterizedTest
    @ValueSource(chars = {'+', '#', '.', '/', ';', '?', '&', '=', ',', '!', '@', '|'})
    void operatorsBeyondLevelOneAreRejected(char operator) {
        assertRejected("https://x/{" + operator + "x}", "uses the operator '" + operator + "' in {" + operator
                + "x} at index 10; " + LEVEL_1_ONLY);
    }

    @Test
    void explodeModifierIsRejected() {
        assertRejected("https://x/{list*}", "uses the explode modifier '*' in {list*} at index 10; " + LEVEL_1_ONLY);
    }

    @Test
    void prefixModifierIsRejected() {
        assertRejected("https://x/{name:3}", "uses a prefix modifier ':' in {name:3} at index 10; " + LEVEL_1_ONLY);
    }

    @Test
    void severalVariablesInOneExpressionAreRejected() {
        assertRejected("https://x/{a,b}", "lists several variables in {a,b} at index 10; " + LEVEL_1_ONLY);
    }

    static Stream<Arguments> invalidVariableNames() {
        return Stream.of(
                Arguments.of("/{my id}", "has the character ' ' (U+0020) in a variable name in {my id} at index 1"),
                Arguments.of("/{a-b}", "has the character '-' (U+002D) in a variable name in {a-b} at index 1"),
                Arguments.of("/{caf\u00e9}", "has the character '\u00e9' (U+00E9) in a variable name"),
                Arguments.of("/{a\"b}", "has the character '\"' (U+0022) in a variable name"),
                Arguments.of("/{a.}", "has a '.' that does not separate two parts of a variable name in {a.}"),
                Arguments.of("/{a..b}", "has a '.' that does not separate two parts of a variable name in {a..b}"),
                Arguments.of("/{a%2}", "has an incomplete percent-encoding in a variable name in {a%2} at index 1"),
                Arguments.of("/{a%zz}", "has an incomplete percent-encoding in a variable name in {a%zz}"));
    }

    @ParameterizedTest
    @MethodSource("invalidVariableNames")
    void invalidVariableNamesAreRejected(String selector, String expectedMessagePart) {
        assertRejected(selector, expectedMessagePart);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/{a}", "/{A1}", "/{_}", "/{1}", "/{a_b}", "/{a.b.c}", "/{caf%C3%A9}", "/{x%2f}"})
    void validVariableNamesAreAccepted(String selector) {
        assertThat(TopicSelector.parse(selector).isTemplate()).isTrue();
    }

    @Test
    void repeatedVariableIsRejected() {
        assertRejected("/users/{id}/friends/{id}", "repeats the variable {id} at index 20; give each variable its"
                + " own name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r", "\n", "\0", "\t", "\u001b", "\u007f", "\u0085"})
    void controlCharactersAreRejectedAnywhere(String control) {
        String code = String.format("U+%04X", (int) control.charAt(0));
        assertRejected("https://x/" + control + "y", "contains the control character " + code + " at index 10");
        assertRejected("https://x/{id}" + control, "contains the control character " + code + " at index 14");
        assertRejected(control, "contains the control character " + code + " at index 0");
    }

    @Test
    void controlCharactersAreEscapedInTheMessage() {
        assertThatThrownBy(() -> TopicSelector.parse("a\r\nevent: x"))
                .hasMessageStartingWith("topic selector \"a\\r\\nevent: x\" contains")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\r", "\n"));
    }

    @Test
    void selectorLongerThanTheLimitIsRejectedWithAShortMessage() {
        String tooLong = "https://example.com/" + "a".repeat(TopicSelector.MAX_LENGTH);
        assertThatThrownBy(() -> TopicSelector.parse(tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is " + tooLong.length() + " characters long, over the limit of 2048")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void selectorAtTheLimitIsAccepted() {
        String atLimit = "/{id}" + "a".repeat(TopicSelector.MAX_LENGTH - 5);
        assertThat(TopicSelector.parse(atLimit).matches("/1" + "a".repeat(TopicSelector.MAX_LENGTH - 5))).isTrue();
    }
}

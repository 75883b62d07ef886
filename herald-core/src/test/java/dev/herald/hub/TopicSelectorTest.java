package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Matching and the value semantics of {@link TopicSelector}; malformed selectors are in TopicSelectorRejectionTest. */
class TopicSelectorTest {

    // Building blocks of the random templates and topics in randomTemplatesAgreeWithAReferenceRegex.
    private static final String[] LITERAL_PARTS = {"a", "b", "-", ".", "/", "%", "%2F", "~"};
    private static final String[] VALUE_PARTS = {"a", "b", "-", ".", "~", "%2F", "%41"};
    private static final String[] NOISE_PARTS = {"a", "-", ".", "/", "%", "2", "F", "!", "%2F"};
    private static final String VALUE_REGEX = "(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+";

    private static boolean matches(String selector, String topic) {
        return TopicSelector.parse(selector).matches(topic);
    }

    @Test
    void exactSelectorMatchesOnlyTheEqualTopic() {
        assertThat(matches("https://example.com/books/1", "https://example.com/books/1")).isTrue();
        assertThat(matches("https://example.com/books/1", "https://example.com/books/12")).isFalse();
        assertThat(matches("https://example.com/books/1", "https://example.com/books/")).isFalse();
        assertThat(matches("https://example.com/books/1", "HTTPS://EXAMPLE.COM/books/1")).isFalse();
        assertThat(matches("notifications", "notifications")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/books/1", "*", "a", "{id}", "https://x/a b?c#d", "caf\u00e9"})
    void wildcardMatchesEveryTopic(String topic) {
        assertThat(matches("*", topic)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "42", "abc", "ABC-def_1.2~x", "a.b.c", "-", "~"})
    void templateVariableMatchesAnyUnreservedValue(String value) {
        assertThat(matches("https://example.com/books/{id}", "https://example.com/books/" + value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://example.com/books/",
        "https://example.com/books",
        "https://example.com/books/1/reviews",
        "https://example.com/books/1/",
        "https://example.org/books/1",
        "http://example.com/books/1",
        "xhttps://example.com/books/1"
    })
    void templateDoesNotMatchTopicsOutsideItsShape(String topic) {
        assertThat(matches("https://example.com/books/{id}", topic)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "/", "a?b", "a#b", "a:b", "a@b", "a!b", "a$b", "a&b", "a'b", "a(b", "a*b", "a+b",
        "a,b", "a;b", "a=b", "a b", "a%b", "caf\u00e9", "a[b]", "a{b}"})
    void variableNeverMatchesReservedOrNonAsciiCharacters(String value) {
        assertThat(matches("https://example.com/books/{id}", "https://example.com/books/" + value)).isFalse();
    }

    @Test
    void variableNeverMatchesAcrossASlash() {
        assertThat(matches("/users/{user}/notifications", "/users/alice/notifications")).isTrue();
        assertThat(matches("/users/{user}/notifications", "/users/alice/bob/notifications")).isFalse();
        assertThat(matches("/users/{user}/notifications", "/users/alice/notifications/1")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"%20", "caf%C3%A9", "a%2Fb", "%2f", "%41%42", "x%7Ey"})
    void percentEncodedValuesMatch(String value) {
        assertThat(matches("https://example.com/books/{id}", "https://example.com/books/" + value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "%2", "a%2", "%zz", "%G0", "%%41"})
    void incompletePercentEncodingDoesNotMatch(String value) {
        assertThat(matches("https://example.com/books/{id}", "https://example.com/books/" + value)).isFalse();
    }

    @Test
    void emptyValueDoesNotMatch() {
        assertThat(matches("https://example.com/books/{id}", "https://example.com/books/")).isFalse();
        assertThat(matches("/users/{user}/notifications", "/users//notifications")).isFalse();
        assertThat(matches("{id}", "")).isFalse();
    }

    @Test
    void templateWithSeveralVariablesMatchesEachPart() {
        assertThat(matches("https://example.com/{section}/{id}", "https://example.com/books/1")).isTrue();
        assertThat(matches("https://example.com/{section}/{id}", "https://example.com/books")).isFalse();
        assertThat(matches("https://example.com/{section}/{id}", "https://example.com/books/1/2")).isFalse();
        assertThat(matches("/users/{user}/posts/{post}/comments", "/users/u1/posts/p%202/comments")).isTrue();
    }

    @Test
    void variableMayStandForTheSchemeButNotForMoreThanOneSegment() {
        String selector = "{scheme}://example.com/{path}";
        assertThat(matches(selector, "https://example.com/index")).isTrue();
        assertThat(matches(selector, "wss://example.com/live")).isTrue();
        assertThat(matches(selector, "https://example.com/a/b")).isFalse();
        assertThat(matches(selector, "://example.com/index")).isFalse();
    }

    @Test
    void literalsThatAreAlsoValueCharactersStillMatchEverySplit() {
        assertThat(matches("/rooms/{from}-{to}", "/rooms/a-b")).isTrue();
        assertThat(matches("/rooms/{from}-{to}", "/rooms/a-b-c")).isTrue();
        assertThat(matches("/rooms/{from}-{to}", "/rooms/ab")).isFalse();
        assertThat(matches("/rooms/{from}-{to}", "/rooms/a-")).isFalse();
        assertThat(matches("/files/{name}.{ext}", "/files/archive.tar.gz")).isTrue();
        assertThat(matches("/files/{name}.{ext}", "/files/.gz")).isFalse();
        assertThat(matches("/files/{name}.json", "/files/a.b.json")).isTrue();
    }

    @Test
    void adjacentVariablesNeedAtLeastOneCharacterEach() {
        assertThat(matches("/x/{a}{b}", "/x/ab")).isTrue();
        assertThat(matches("/x/{a}{b}", "/x/%41%42c")).isTrue();
        assertThat(matches("/x/{a}{b}", "/x/a")).isFalse();
        assertThat(matches("/x/{a}{b}", "/x/%41")).isFalse();
    }

    @Test
    void templateAlsoMatchesItsOwnTextSoAClaimCanAuthorizeIt() {
        assertThat(matches("https://example.com/books/{id}", "https://example.com/books/{id}")).isTrue();
        assertThat(matches("https://example.com/books/{id}", "https://example.com/books/{other}")).isFalse();
    }

    @ParameterizedTest(name = "{0} matches {1} but not {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "https://example.com/{id}  | https://example.com/1  | https://exampleXcom/1",
        "/a+b/{id}                 | /a+b/1                 | /aab/1",
        "/a(b)/{id}                | /a(b)/1                | /ab/1",
        "/[ab]/{id}                | /[ab]/1                | /a/1",
        "/a$/{id}                  | /a$/1                  | /a/1",
        "/^a/{id}                  | /^a/1                  | /a/1",
        "/a\\Q.\\E/{id}            | /a\\Q.\\E/1            | /aX/1",
        "/a\\/{id}                 | /a\\/1                 | /a/1",
        "/a*?/{id}                 | /a*?/1                 | /aaa/1",
        "/.*/{id}                  | /.*/1                  | /anything/1"
    })
    void regexSpecialCharactersInLiteralsMatchLiterally(String selector, String topic, String lookalike) {
        assertThat(matches(selector, topic)).isTrue();
        assertThat(matches(selector, lookalike)).isFalse();
    }

    @Test
    void exactSelectorWithRegexCharactersMatchesOnlyItself() {
        assertThat(matches("https://example.com/a.b", "https://example.com/aXb")).isFalse();
        assertThat(matches(".*", "anything")).isFalse();
        assertThat(matches(".*", ".*")).isTrue();
    }

    @Test
    @Timeout(10)
    void ambiguousTemplateIsRejectedInLinearTimeNotByBacktracking() {
        // A backtracking regex would try every way to split ~1000 '-' among 16 variables before failing.
        StringBuilder selector = new StringBuilder("/");
        for (int i = 0; i < 16; i++) {
            selector.append(i == 0 ? "" : "-").append("{v").append(i).append('}');
        }
        String topic = "/" + "a-".repeat(1000) + "!a/";
        TopicSelector hostile = TopicSelector.parse(selector + "/");
        assertThat(hostile.matches(topic)).isFalse();
        assertThat(hostile.matches("/" + "a-".repeat(1000) + "a/")).isTrue();
    }

    @Test
    void randomTemplatesAgreeWithAReferenceRegex() {
        // Topics are expansions of the template, half of them then mutated, so that both matches and
        // near misses are common; java.util.regex is a fine oracle at these small sizes.
        Random random = new Random(20240607);
        int matched = 0;
        for (int trial = 0; trial < 5000; trial++) {
            int variables = 1 + random.nextInt(3);
            String[] literals = new String[variables + 1];
            StringBuilder selector = new StringBuilder();
            StringBuilder reference = new StringBuilder();
            for (int v = 0; v <= variables; v++) {
                literals[v] = randomText(random, LITERAL_PARTS, 0, 3);
                selector.append(literals[v]).append(v < variables ? "{v" + v + "}" : "");
                reference.append(Pattern.quote(literals[v])).append(v < variables ? VALUE_REGEX : "");
            }
            TopicSelector actual = TopicSelector.parse(selector.toString());
            Pattern expected = Pattern.compile(reference.toString());
            for (int t = 0; t < 20; t++) {
                String topic = mutateSometimes(random, expand(random, literals));
                boolean matches = actual.matches(topic);
                assertThat(matches)
                        .as("%s matches %s", selector, topic)
                        .isEqualTo(expected.matcher(topic).matches() || topic.equals(selector.toString()));
                matched += matches ? 1 : 0;
            }
        }
        assertThat(matched).as("matches among 100000 topics").isBetween(20_000, 80_000);
    }

    private static String expand(Random random, String[] literals) {
        StringBuilder topic = new StringBuilder(literals[0]);
        for (int v = 1; v < literals.length; v++) {
            topic.append(randomText(random, VALUE_PARTS, 0, 3)).append(literals[v]);
        }
        return topic.toString();
    }

    private static String mutateSometimes(Random random, String topic) {
        if (random.nextBoolean()) {
            return topic;
        }
        int at = random.nextInt(topic.length() + 1);
        int cut = Math.min(topic.length(), at + random.nextInt(2));
        return topic.substring(0, at) + randomText(random, NOISE_PARTS, 0, 1) + topic.substring(cut);
    }

    private static String randomText(Random random, String[] parts, int minParts, int maxParts) {
        StringBuilder text = new StringBuilder();
        for (int i = minParts + random.nextInt(maxParts - minParts + 1); i > 0; i--) {
            text.append(parts[random.nextInt(parts.length)]);
        }
        return text.toString();
    }

    @Test
    void eachSelectorIsExactlyOneKind() {
        assertKind(TopicSelector.parse("*"), true, false, false);
        assertKind(TopicSelector.parse("https://example.com/books/{id}"), false, true, false);
        assertKind(TopicSelector.parse("https://example.com/books/1"), false, false, true);
        assertKind(TopicSelector.parse("**"), false, false, true);
        assertKind(TopicSelector.parse("*/{id}"), false, true, false);
    }

    private static void assertKind(TopicSelector selector, boolean wildcard, boolean template, boolean exact) {
        assertThat(selector.isWildcard()).as("%s is wildcard", selector).isEqualTo(wildcard);
        assertThat(selector.isTemplate()).as("%s is template", selector).isEqualTo(template);
        assertThat(selector.isExact()).as("%s is exact", selector).isEqualTo(exact);
    }

    @Test
    void textAndToStringAreTheSelectorAsWritten() {
        TopicSelector selector = TopicSelector.parse("https://example.com/books/{id}");
        assertThat(selector.text()).isEqualTo("https://example.com/books/{id}");
        assertThat(selector).hasToString("https://example.com/books/{id}");
    }

    @Test
    void selectorsWithTheSameTextAreEqualAndHashAlike() {
        TopicSelector one = TopicSelector.parse("https://example.com/books/{id}");
        TopicSelector same = TopicSelector.parse("https://example.com/books/{id}");
        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(one).isNotEqualTo(TopicSelector.parse("https://example.com/books/{isbn}"));
        assertThat(TopicSelector.parse("*")).isEqualTo(TopicSelector.parse("*"));
        assertThat(one).isNotEqualTo("https://example.com/books/{id}");
    }

    @Test
    void parseAllKeepsOrderAndDuplicates() {
        List<TopicSelector> selectors = TopicSelector.parseAll(List.of("b", "*", "/a/{id}", "b"));
        assertThat(selectors).extracting(TopicSelector::text).containsExactly("b", "*", "/a/{id}", "b");
        assertThatThrownBy(() -> selectors.add(TopicSelector.parse("c")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void parseAllReportsTheFirstInvalidSelectorAndItsPosition() {
        assertThatThrownBy(() -> TopicSelector.parseAll(List.of("ok", "bad{", "worse}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("selector 2 of 3: topic selector \"bad{\" has an unclosed '{' at index 3;"
                        + " close the variable with '}', as in {name}");
    }

    @Test
    void anyMatchesIsTrueWhenAtLeastOneSelectorMatches() {
        List<TopicSelector> selectors = TopicSelector.parseAll(List.of("/a", "/books/{id}"));
        assertThat(TopicSelector.anyMatches(selectors, "/books/1")).isTrue();
        assertThat(TopicSelector.anyMatches(selectors, "/a")).isTrue();
        assertThat(TopicSelector.anyMatches(selectors, "/b")).isFalse();
        assertThat(TopicSelector.anyMatches(List.of(), "/a")).isFalse();
    }

    @Test
    void nullTopicIsRefused() {
        assertThatThrownBy(() -> TopicSelector.parse("*").matches(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TopicSelector.parse(null)).isInstanceOf(NullPointerException.class);
    }
}

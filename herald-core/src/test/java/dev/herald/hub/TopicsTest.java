package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/books/1", "notifications", "*", "a b", "caf\u00e9", "/books/{id}"})
    void validTopicIsReturnedUnchanged(String topic) {
        assertThat(Topics.requireValidTopic(topic)).isSameAs(topic);
    }

    @Test
    void emptyTopicIsRejected() {
        assertThatThrownBy(() -> Topics.requireValidTopic(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("topic must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r", "\n", "\0", "\t", "\u001b", "\u007f", "\u009f"})
    void topicWithAControlCharacterIsRejected(String control) {
        String code = String.format("U+%04X", (int) control.charAt(0));
        assertThatThrownBy(() -> Topics.requireValidTopic("https://x/" + control))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contains the control character " + code + " at index 10")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(control));
    }

    @Test
    void topicLongerThanTheLimitIsRejectedWithAShortMessage() {
        String tooLong = "x".repeat(Topics.MAX_LENGTH + 1);
        assertThatThrownBy(() -> Topics.requireValidTopic(tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is 2049 characters long, over the limit of 2048")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void topicAtTheLimitIsAccepted() {
        String atLimit = "x".repeat(Topics.MAX_LENGTH);
        assertThat(Topics.requireValidTopic(atLimit)).isSameAs(atLimit);
    }

    @Test
    void topicWithBracesIsMatchedByTheSelectorEqualToIt() {
        String topic = Topics.requireValidTopic("https://example.com/books/{id}");
        assertThat(TopicSelector.parse(topic).matches(topic)).isTrue();
    }

    @Test
    void everyValidTopicCanBeSelectedExactly() {
        assertThat(TopicSelector.MAX_LENGTH).isGreaterThanOrEqualTo(Topics.MAX_LENGTH);
    }

    @Test
    void nullTopicIsRefused() {
        assertThatThrownBy(() -> Topics.requireValidTopic(null)).isInstanceOf(NullPointerException.class);
    }
}

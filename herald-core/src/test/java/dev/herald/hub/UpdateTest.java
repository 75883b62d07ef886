package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UpdateTest {

    @Test
    void anUpdateNeedsATopic() {
        assertThatThrownBy(() -> new Update(List.of(), "d", null, null, null, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one topic");
    }

    @Test
    void theIdEarliestIsReservedForReplayingAllHistory() {
        assertThatThrownBy(() -> Update.of("/t", "d").withId("earliest"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("earliest");
    }

    @Test
    void anEmptyIdIsRefusedBecauseItWouldResetClientsLastId() {
        assertThatThrownBy(() -> Update.of("/t", "d").withId(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void framingRulesApplyToIdAndType() {
        assertThatThrownBy(() -> Update.of("/t", "d").withId("a\nb")).hasMessageContaining("id must not contain CR or LF");
        assertThatThrownBy(() -> Update.of("/t", "d").withType("a\rb")).hasMessageContaining("type must not contain CR or LF");
        assertThatThrownBy(() -> Update.of("/t", "d").withId("a\0b")).hasMessageContaining("NUL");
    }

    @Test
    void topicsAreCopiedSoTheUpdateCannotChangeLater() {
        List<String> topics = new java.util.ArrayList<>(List.of("/a"));
        Update update = new Update(topics, "d", null, null, null, false);
        topics.add("/b");
        assertThat(update.topics()).containsExactly("/a");
    }
}

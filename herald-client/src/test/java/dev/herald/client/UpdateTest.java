package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.client.internal.FormBody;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdateTest {

    @Test
    void anUpdateNeedsAtLeastOneNonBlankTopic() {
        assertThatThrownBy(() -> new Update(List.of(), "d", null, null, null, false)).hasMessageContaining("topics");
        assertThatThrownBy(() -> Update.of(" ", "d")).hasMessageContaining("blank topic");
    }

    @Test
    void anIdOrTypeThatCouldInjectFieldsIsRejected() {
        assertThatThrownBy(() -> Update.of("t", "d").withId("1\nevent: evil")).hasMessageContaining("id");
        assertThatThrownBy(() -> Update.of("t", "d").withType("x\rdata: evil")).hasMessageContaining("type");
        assertThatThrownBy(() -> Update.of("t", "d").withId("1\u0000")).hasMessageContaining("NUL");
    }

    @Test
    void aNegativeRetryIsRejected() {
        assertThatThrownBy(() -> Update.of("t", "d").withRetry(Duration.ofMillis(-1))).hasMessageContaining("retry");
    }

    @Test
    void theWithersChangeOneFieldAndKeepTheRest() {
        Update update = Update.of("a", "d").withId("1").asPrivate().andTopic("b").withType("t");

        assertThat(update).isEqualTo(new Update(List.of("a", "b"), "d", "1", "t", null, true));
    }

    @Test
    void theFormBodyEncodesEveryFieldAndRepeatsTopics() {
        Update update = Update.of("https://x/y?z", "a b").andTopic("c").withRetry(Duration.ofMillis(1500)).asPrivate();

        assertThat(FormBody.of(update))
                .isEqualTo("topic=https%3A%2F%2Fx%2Fy%3Fz&topic=c&data=a+b&retry=1500&private=on");
    }
}

package dev.herald.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The encoder's exact bytes, and the framing rules that {@link SseEvent} enforces before encoding. */
class SseEncoderTest {

    private static String wire(SseEvent event) {
        byte[] bytes = SseEncoder.encode(event);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(SseEncoder.encodeToString(event));
        return SseEncoder.encodeToString(event);
    }

    @Test
    void messageIsOneDataLineAndABlankLine() {
        assertThat(wire(SseEvent.message("hello"))).isEqualTo("data: hello\n\n");
    }

    @Test
    void namedEventCarriesItsType() {
        assertThat(wire(SseEvent.of("price", "{\"AAPL\":190.5}"))).isEqualTo("event: price\ndata: {\"AAPL\":190.5}\n\n");
    }

    @Test
    void allFieldsComeInTheDocumentedOrder() {
        SseEvent event = new SseEvent("7", "update", "x", 1500L, "note");

        assertThat(wire(event)).isEqualTo(": note\nevent: update\nid: 7\nretry: 1500\ndata: x\n\n");
    }

    @Test
    void withIdAddsTheIdField() {
        assertThat(wire(SseEvent.message("x").withId("42"))).isEqualTo("id: 42\ndata: x\n\n");
    }

    @Test
    void nonAsciiIsEncodedAsUtf8() {
        byte[] expected = Bytes.of("data: caf", 0xC3, 0xA9, " ", 0xED, 0x95, 0x9C, " ", 0xF0, 0x9F, 0x98, 0x80, "\n\n");

        assertThat(SseEncoder.encode(SseEvent.message("café 한 😀"))).isEqualTo(expected);
    }

    @Test
    void eachKindOfLineBreakInDataStartsANewDataLine() {
        assertThat(wire(SseEvent.message("a\r\nb\rc\nd"))).isEqualTo("data: a\ndata: b\ndata: c\ndata: d\n\n");
    }

    @Test
    void consecutiveLineBreaksInDataBecomeEmptyDataLines() {
        assertThat(wire(SseEvent.message("a\n\nb\r\r\nc\n\rd")))
                .isEqualTo("data: a\ndata: \ndata: b\ndata: \ndata: c\ndata: \ndata: d\n\n");
    }

    @Test
    void trailingLineBreakInDataBecomesAFinalEmptyDataLine() {
        assertThat(wire(SseEvent.message("a\r\n"))).isEqualTo("data: a\ndata: \n\n");
    }

    @Test
    void emptyDataIsOneEmptyDataLine() {
        assertThat(wire(SseEvent.message(""))).isEqualTo("data: \n\n");
    }

    @Test
    void leadingSpaceOfAValueSurvivesBecauseOneSpaceIsAlwaysWritten() {
        assertThat(wire(new SseEvent(" i", " t", " d", null, " c"))).isEqualTo(":  c\nevent:  t\nid:  i\ndata:  d\n\n");
    }

    @Test
    void emptyIdIsWrittenSoThatItResetsTheClientsLastEventId() {
        assertThat(wire(new SseEvent("", null, "x", null, null))).isEqualTo("id: \ndata: x\n\n");
    }

    @Test
    void commentAloneEndsWithABlankLine() {
        assertThat(wire(SseEvent.comment("ping"))).isEqualTo(": ping\n\n");
        assertThat(wire(SseEvent.comment(""))).isEqualTo(":\n\n");
    }

    @Test
    void retryAloneEndsWithABlankLine() {
        assertThat(wire(SseEvent.retry(5000))).isEqualTo("retry: 5000\n\n");
        assertThat(wire(SseEvent.retry(0))).isEqualTo("retry: 0\n\n");
    }

    @Test
    void nulIsAllowedInDataTypeAndComment() {
        assertThat(wire(new SseEvent(null, "t\0", "d\0", null, "c\0"))).isEqualTo(": c\0\nevent: t\0\ndata: d\0\n\n");
    }

    @Test
    void idWithLineBreakIsRejectedNamingTheField() {
        assertThatThrownBy(() -> SseEvent.message("x").withId("1\n2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("id must not contain CR or LF (it would inject SSE fields), got \"1\\n2\"");
        assertThatThrownBy(() -> SseEvent.message("x").withId("1\r"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("id must not contain CR or LF");
    }

    @Test
    void typeWithLineBreakIsRejectedNamingTheField() {
        assertThatThrownBy(() -> SseEvent.of("a\r\ndata: injected", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("type must not contain CR or LF");
    }

    @Test
    void commentWithLineBreakIsRejectedNamingTheField() {
        assertThatThrownBy(() -> SseEvent.comment("ok\ndata: injected"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("comment must not contain CR or LF");
    }

    @Test
    void idWithNulIsRejectedNamingTheField() {
        assertThatThrownBy(() -> SseEvent.message("x").withId("a\0b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("id must not contain NUL (clients ignore such ids), got \"a\\0b\"");
    }

    @Test
    void negativeRetryIsRejectedNamingTheField() {
        assertThatThrownBy(() -> SseEvent.retry(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("retry must be >= 0 milliseconds, got -1");
    }

    @Test
    void longRejectedValueIsShortenedInTheMessageWithoutSplittingACharacter() {
        String id = "a".repeat(59) + "😀" + "\n";

        assertThatThrownBy(() -> SseEvent.message("x").withId(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("got \"" + "a".repeat(59) + "…\"");
    }
}

package dev.herald.sse;

import static dev.herald.sse.Recorder.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Hostile and broken input: the memory limits, and what the parser does after a failure. */
class SseParserLimitsTest {

    private static final int LIMIT = 10;

    private final Recorder recorder = new Recorder();
    private final SseParser parser = new SseParser(recorder, LIMIT);

    private void feed(String chunk) {
        parser.feed(chunk.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void lineAtTheLimitIsAccepted() {
        feed("data:01234\n\n:123456789\n");

        assertThat(recorder.calls).containsExactly(message("01234"), new Recorder.Comment("123456789"));
    }

    @Test
    void lineOverTheLimitThrowsNamingTheLimitAndHowToRaiseIt() {
        assertThatThrownBy(() -> feed(": 123456789\n"))
                .isInstanceOf(SseParseException.class)
                .hasMessageContaining("limit of 10 chars")
                .hasMessageContaining("new SseParser(listener, maxEventChars)");
    }

    @Test
    void lineGrowingOverTheLimitAcrossChunksThrows() {
        feed("data");
        feed(": 0123");

        assertThatThrownBy(() -> feed("4")).isInstanceOf(SseParseException.class);
    }

    @Test
    void lineWithoutAnyLineEndCannotGrowWithoutBound() {
        SseParser defaultLimit = new SseParser(recorder);
        byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> {
            for (int i = 0; i <= SseParser.DEFAULT_MAX_EVENT_CHARS / chunk.length; i++) {
                defaultLimit.feed(chunk);
            }
        }).isInstanceOf(SseParseException.class).hasMessageContaining("limit of 8388608 chars");
    }

    @Test
    void dataAtTheLimitAcrossLinesIsAccepted() {
        feed("data:01234\ndata:5678\n\n");

        assertThat(recorder.calls).containsExactly(message("01234\n5678"));
    }

    @Test
    void dataOverTheLimitAcrossLinesThrowsNamingTheLimit() {
        feed("data:01234\n");

        assertThatThrownBy(() -> feed("data:56789\n"))
                .isInstanceOf(SseParseException.class)
                .hasMessageContaining("event data longer than the limit of 10 chars")
                .hasMessageContaining("new SseParser(listener, maxEventChars)");
    }

    @Test
    void manyShortDataLinesCannotGrowAnEventWithoutBound() {
        assertThatThrownBy(() -> feed("data:a\n".repeat(6))).isInstanceOf(SseParseException.class);
    }

    @Test
    void limitCountsCharactersNotBytes() {
        feed("data:한국어한국\n\n");

        assertThat(recorder.calls).containsExactly(message("한국어한국"));
    }

    @Test
    void parserRefusesInputAfterALimitUntilEnd() {
        assertThatThrownBy(() -> feed("data: 0123456789\n")).isInstanceOf(SseParseException.class);

        assertThatThrownBy(() -> feed("data: x\n\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call end()");
        parser.end();
        feed("data: x\n\n");
        assertThat(recorder.calls).containsExactly(message("x"));
    }

    @Test
    void listenerExceptionPropagatesAndTheParserRefusesInputUntilEnd() {
        SseParser failing = new SseParser(event -> {
            throw new IllegalArgumentException("listener bug");
        });

        assertThatThrownBy(() -> failing.feed("data: x\n\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("listener bug");
        assertThatThrownBy(() -> failing.feed(new byte[0])).isInstanceOf(IllegalStateException.class);
        failing.end();
        failing.feed(new byte[0]);
    }

    @Test
    void limitMustBePositive() {
        assertThatThrownBy(() -> new SseParser(recorder, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxEventChars must be > 0 characters, got 0");
    }
}

package dev.herald.sse;

import static dev.herald.sse.Recorder.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bytes to lines: UTF-8 decoding, the byte order mark, and the three line terminators. */
class SseParserDecodingTest {

    private static final String BOM = "\uFEFF";

    private final Recorder recorder = new Recorder();
    private final SseParser parser = new SseParser(recorder);

    private List<Object> feed(Object... chunks) {
        for (Object chunk : chunks) {
            parser.feed(chunk instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) chunk);
        }
        return recorder.calls;
    }

    @Test
    void lfCrAndCrlfEachEndALine() {
        assertThat(feed("data: a\n\n", "data: b\r\r", "data: c\r\n\r\n"))
                .containsExactly(message("a"), message("b"), message("c"));
    }

    @Test
    void mixedTerminatorsInOneEventEndOneLineEach() {
        assertThat(feed("data: a\rdata: b\ndata: c\r\ndata: d\n\r")).containsExactly(message("a\nb\nc\nd"));
    }

    @Test
    void lfThenCrIsTwoLineEnds() {
        assertThat(feed("data: a\n\rdata: b\n\n")).containsExactly(message("a"), message("b"));
    }

    @Test
    void crAtEndOfChunkAndLfAtStartOfNextIsOneLineEnd() {
        assertThat(feed("data: a\r", "\ndata: b\r", "\n\r", "\n")).containsExactly(message("a\nb"));
    }

    @Test
    void crAtEndOfChunkFollowedByAnotherCrIsTwoLineEnds() {
        assertThat(feed("data: a\r", "\rdata: b\n\n")).containsExactly(message("a"), message("b"));
    }

    @Test
    void eventEndedByCrIsDispatchedWithoutWaitingForTheNextByte() {
        assertThat(feed("data: a\r\r")).containsExactly(message("a"));
    }

    @Test
    void crlfSplitInsideAnEmptyLineStillDispatchesOnce() {
        assertThat(feed("data: a\r\n\r", "\n\r\n")).containsExactly(message("a"));
    }

    @Test
    void leadingByteOrderMarkIsStripped() {
        assertThat(feed(BOM + "data: x\n\n")).containsExactly(message("x"));
    }

    @Test
    void onlyOneLeadingByteOrderMarkIsStripped() {
        // The second mark becomes part of the field name, which is then unknown.
        assertThat(feed(BOM + BOM + "data: x\n\ndata: y\n\n")).containsExactly(message("y"));
    }

    @Test
    void byteOrderMarkSplitAcrossChunksIsStripped() {
        assertThat(feed(Bytes.of(0xEF), Bytes.of(0xBB), Bytes.of(0xBF, "data: x\n\n"))).containsExactly(message("x"));
    }

    @Test
    void byteOrderMarkLaterInTheStreamIsKept() {
        assertThat(feed("data: " + BOM + "x\n\n" + BOM + "data: lost\n\n")).containsExactly(message(BOM + "x"));
    }

    @Test
    void endStartsANewStreamWhoseByteOrderMarkIsStrippedAgain() {
        feed(BOM + "data: a\n\n");
        parser.end();

        assertThat(feed(BOM + "data: b\n\n")).containsExactly(message("a"), message("b"));
    }

    @Test
    void nonAsciiTextDecodes() {
        assertThat(feed("data: 한국어 café 😀\n\n")).containsExactly(message("한국어 café 😀"));
    }

    @Test
    void multiByteCharactersSplitAcrossChunksDecode() {
        byte[] stream = "data: é한😀\n\n".getBytes(StandardCharsets.UTF_8);
        for (byte b : stream) {
            parser.feed(new byte[] {b});
        }

        assertThat(recorder.calls).containsExactly(message("é한😀"));
    }

    @Test
    void invalidByteBecomesReplacementCharacter() {
        assertThat(feed(Bytes.of("data: a", 0xFF, "b", 0x80, "c\n\n"))).containsExactly(message("a\uFFFDb\uFFFDc"));
    }

    @Test
    void truncatedSequenceBeforeAsciiBecomesOneReplacementCharacter() {
        assertThat(feed(Bytes.of("data: ", 0xE2, 0x82, "A\n\n"))).containsExactly(message("\uFFFDA"));
    }

    @Test
    void truncatedSequenceCutByALineEndBecomesAReplacementCharacter() {
        assertThat(feed(Bytes.of("data: ", 0xF0, 0x9F, 0x98), Bytes.of("\n\n"))).containsExactly(message("\uFFFD"));
    }

    @Test
    void overlongEncodingIsReplacedNotDecoded() {
        // C0 AF would be '/' if overlong forms were accepted.
        assertThat(feed(Bytes.of("data: ", 0xC0, 0xAF, "\n\n"))).containsExactly(message("\uFFFD\uFFFD"));
    }

    @Test
    void invalidBytesCannotHideALineEnd() {
        assertThat(feed(Bytes.of("data: ", 0xE2, "\n\n"))).containsExactly(message("\uFFFD"));
    }

    @Test
    void incompleteSequenceAtEndIsDroppedWithTheIncompleteLine() {
        feed(Bytes.of("data: a\n\ndata: ", 0xE2, 0x82));
        parser.end();

        assertThat(feed("data: b\n\n")).containsExactly(message("a"), message("b"));
    }
}

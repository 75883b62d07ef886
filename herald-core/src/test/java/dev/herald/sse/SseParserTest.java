package dev.herald.sse;

import static dev.herald.sse.Recorder.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.sse.Recorder.Comment;
import dev.herald.sse.Recorder.Retry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The field and dispatch rules of the WHATWG "interpreting an event stream" and "dispatching the event"
 * steps, one by one, including the specification's own examples.
 */
class SseParserTest {

    private final Recorder recorder = new Recorder();
    private final SseParser parser = new SseParser(recorder);

    private List<Object> parse(String... chunks) {
        for (String chunk : chunks) {
            parser.feed(chunk.getBytes(StandardCharsets.UTF_8));
        }
        return recorder.calls;
    }

    @Test
    void specStockTickerExampleJoinsDataLinesWithLf() {
        assertThat(parse("data: YHOO\ndata: +2\ndata: 10\n\n")).containsExactly(message("YHOO\n+2\n10"));
    }

    @Test
    void specTestStreamExampleFiresThreeEventsAndTracksTheirIds() {
        String stream = ": test stream\n\n"
                + "data: first event\nid: 1\n\n"
                + "data:second event\nid\n\n"
                + "data:  third event\n\n";

        assertThat(parse(stream)).containsExactly(
                new Comment("test stream"),
                new MessageEvent("message", "first event", "1"),
                new MessageEvent("message", "second event", ""),
                new MessageEvent("message", " third event", ""));
    }

    @Test
    void specDataWithoutColonExampleFiresEmptyAndLfAndNotTheUnterminatedLast() {
        parse("data\n\ndata\ndata\n\ndata:");
        parser.end();

        assertThat(recorder.calls).containsExactly(message(""), message("\n"));
    }

    @Test
    void specSpaceAfterColonIsOptional() {
        parse("data:test\n\n", "data: test\n\n");

        assertThat(recorder.calls).containsExactly(message("test"), message("test"));
    }

    @Test
    void onlyOneLeadingSpaceIsStrippedFromAValue() {
        assertThat(parse("event:  spaced\ndata:   three\n\n"))
                .containsExactly(new MessageEvent(" spaced", "  three", ""));
    }

    @Test
    void valueKeepsColonsAfterTheFirst() {
        assertThat(parse("data: a:b: c\n\n")).containsExactly(message("a:b: c"));
    }

    @Test
    void lineWithoutColonIsAFieldNameWithEmptyValue() {
        assertThat(parse("event\ndata\n\n")).containsExactly(message(""));
    }

    @Test
    void eventFieldSetsTheTypeOfThatEventOnly() {
        assertThat(parse("event: add\ndata: 1\n\ndata: 2\n\n"))
                .containsExactly(new MessageEvent("add", "1", ""), message("2"));
    }

    @Test
    void emptyEventTypeMeansMessage() {
        assertThat(parse("event:\ndata: x\n\n")).containsExactly(message("x"));
    }

    @Test
    void lastEventFieldWinsWithinOneEvent() {
        assertThat(parse("event: a\nevent: b\ndata: x\n\n")).containsExactly(new MessageEvent("b", "x", ""));
    }

    @Test
    void blockWithoutDataIsNotDispatchedAndItsTypeDoesNotLeakIntoTheNext() {
        assertThat(parse("event: lost\n\ndata: x\n\n")).containsExactly(message("x"));
    }

    @Test
    void blankLinesAloneDispatchNothing() {
        assertThat(parse("\n\n\n")).isEmpty();
    }

    @Test
    void emptyDataLineDispatchesAnEmptyMessage() {
        assertThat(parse("data:\n\n")).containsExactly(message(""));
    }

    @Test
    void onlyTheLastLfIsStrippedFromData() {
        assertThat(parse("data: a\ndata:\ndata:\n\n")).containsExactly(message("a\n\n"));
    }

    @Test
    void nulIsKeptInData() {
        assertThat(parse("data: a\0b\n\n")).containsExactly(message("a\0b"));
    }

    @Test
    void fieldNamesAreCaseSensitiveAndExact() {
        assertThat(parse("Data: x\ndata : y\n data: z\nDATA: w\n\n")).isEmpty();
    }

    @Test
    void unknownFieldsAreIgnored() {
        assertThat(parse("foo: bar\ndata: x\nidentity: 9\nretryx: 5\n\n")).containsExactly(message("x"));
    }

    @Test
    void commentsAreReportedWithOneLeadingSpaceStripped() {
        assertThat(parse(":no space\n: one\n:  two\n:\n")).containsExactly(
                new Comment("no space"), new Comment("one"), new Comment(" two"), new Comment(""));
    }

    @Test
    void commentsInsideAnEventDoNotDisturbIt() {
        assertThat(parse("data: a\n: ping\ndata: b\n\n")).containsExactly(new Comment("ping"), message("a\nb"));
    }

    @Test
    void idAppliesToTheEventItAppearsInWhateverTheFieldOrder() {
        assertThat(parse("data: x\nid: 7\n\n")).containsExactly(new MessageEvent("message", "x", "7"));
        assertThat(parser.lastEventId()).isEqualTo("7");
    }

    @Test
    void lastEventIdPersistsAcrossEventsWithoutId() {
        assertThat(parse("id: 1\ndata: a\n\ndata: b\n\n")).containsExactly(
                new MessageEvent("message", "a", "1"), new MessageEvent("message", "b", "1"));
    }

    @Test
    void idWithEmptyValueResetsTheLastEventId() {
        assertThat(parse("id: 1\ndata: a\n\nid:\ndata: b\n\n")).containsExactly(
                new MessageEvent("message", "a", "1"), message("b"));
        assertThat(parser.lastEventId()).isEmpty();
    }

    @Test
    void idOnlyBlockCommitsTheIdWithoutDispatching() {
        assertThat(parse("id: 5\n\n")).isEmpty();
        assertThat(parser.lastEventId()).isEqualTo("5");
        assertThat(parse("data: x\n\n")).containsExactly(new MessageEvent("message", "x", "5"));
    }

    @Test
    void idIsNotCommittedBeforeTheBlankLine() {
        parse("id: 5\ndata: x\n");

        assertThat(parser.lastEventId()).isEmpty();
    }

    @Test
    void idContainingNulIsIgnored() {
        assertThat(parse("id: 1\n\nid: 2\0\ndata: x\n\n")).containsExactly(new MessageEvent("message", "x", "1"));
    }

    @Test
    void idKeepsSpacesBeyondTheFirst() {
        assertThat(parse("id:  a b \ndata: x\n\n")).containsExactly(new MessageEvent("message", "x", " a b "));
    }

    @Test
    void retryWithDigitsIsReported() {
        assertThat(parse("retry: 3000\nretry:0\nretry: 007\n")).containsExactly(
                new Retry(3000), new Retry(0), new Retry(7));
    }

    @Test
    void retryIsReportedEvenWhenTheEventIsNeverDispatched() {
        parse("retry: 10\n");
        parser.end();

        assertThat(recorder.calls).containsExactly(new Retry(10));
    }

    @Test
    void retryWithAnythingButAsciiDigitsIsIgnored() {
        assertThat(parse("retry: 1a\nretry: -1\nretry:  5\nretry: 5 \nretry: 1.5\nretry: +5\nretry: ٣\n"))
                .isEmpty();
    }

    @Test
    void retryWithEmptyValueIsIgnored() {
        assertThat(parse("retry:\nretry\nretry: \n")).isEmpty();
    }

    @Test
    void retryTooLargeForALongIsIgnored() {
        assertThat(parse("retry: 9223372036854775808\nretry: 99999999999999999999\n")).isEmpty();
    }

    @Test
    void retryOfLongMaxValueIsReported() {
        assertThat(parse("retry: 9223372036854775807\n")).containsExactly(new Retry(Long.MAX_VALUE));
    }

    @Test
    void endDropsAnUnterminatedEvent() {
        parse("data: x\n");
        parser.end();
        parse("\n");

        assertThat(recorder.calls).isEmpty();
    }

    @Test
    void endDropsAnIncompleteLine() {
        parse("data: x\n\ndata: partial");
        parser.end();
        parse("\n\n");

        assertThat(recorder.calls).containsExactly(message("x"));
    }

    @Test
    void endKeepsTheCommittedLastEventIdAndForgetsAnUncommittedOne() {
        parse("id: 1\ndata: a\n\nid: 2\ndata: b\n");
        parser.end();

        assertThat(parser.lastEventId()).isEqualTo("1");
        assertThat(parse("data: c\n\n")).endsWith(new MessageEvent("message", "c", "1"));
    }

    @Test
    void seededLastEventIdIsCarriedByEventsWithoutId() {
        parser.lastEventId("42");

        assertThat(parse("data: x\n\n")).containsExactly(new MessageEvent("message", "x", "42"));
        assertThat(parser.lastEventId()).isEqualTo("42");
    }

    @Test
    void seedingRejectsIdsNoStreamCouldSet() {
        for (String bad : List.of("a\nb", "a\rb", "a\0b")) {
            assertThatThrownBy(() -> parser.lastEventId(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("lastEventId must not contain CR, LF or NUL");
        }
    }

    @Test
    void feedWithOffsetAndLengthReadsOnlyThatRange() {
        byte[] bytes = "xxdata: in\n\nyy".getBytes(StandardCharsets.US_ASCII);
        parser.feed(bytes, 2, bytes.length - 4);

        assertThat(recorder.calls).containsExactly(message("in"));
        assertThatThrownBy(() -> parser.feed(bytes, 10, 10)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void feedByteBufferConsumesItsRemainingBytes() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(32);
        buffer.put("skip data: x\n\n".getBytes(StandardCharsets.US_ASCII)).flip().position(5);
        parser.feed(buffer);

        assertThat(buffer.hasRemaining()).isFalse();
        assertThat(recorder.calls).containsExactly(message("x"));
    }

    @Test
    void dataLongerThanTheDecoderBufferArrivesWhole() {
        String big = "é".repeat(10_000) + "x".repeat(20_000);

        assertThat(parse("data: " + big + "\n\n")).containsExactly(message(big));
    }
}

package dev.herald.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.Recorder.Comment;
import dev.herald.sse.Recorder.Retry;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same stream, split at every byte offset, every pair of offsets, byte by byte and in every chunk
 * size, must give exactly the callbacks of the whole stream at once, for each kind of line terminator.
 * The stream holds a byte order mark, multi-byte characters and invalid UTF-8, so splits land inside
 * each of them.
 */
class SseParserChunkingTest {

    /** How the lines of the stream are terminated. */
    enum Terminator {
        LF, CR, CRLF, MIXED;

        String after(int lineIndex, byte[] line, String previous) {
            return switch (this) {
                case LF -> "\n";
                case CR -> "\r";
                case CRLF -> "\r\n";
                // A blank line after a CR must not end with a bare LF, or the two would make one CRLF.
                case MIXED -> {
                    String next = List.of("\r", "\r\n", "\n").get(lineIndex % 3);
                    yield previous.equals("\r") && line.length == 0 && next.equals("\n") ? "\r\n" : next;
                }
            };
        }
    }

    private static final List<byte[]> LINES = List.of(
            Bytes.of("\uFEFF:heartbeat"),
            Bytes.of("retry: 3000"),
            Bytes.of("id: 1"),
            Bytes.of("event: greeting"),
            Bytes.of("data: 안녕하세요"),
            Bytes.of("data:  spaced 😀"),
            Bytes.of(""),
            Bytes.of("data: café"),
            Bytes.of("data"),
            Bytes.of(""),
            Bytes.of(": ünïcode comment"),
            Bytes.of("\uFEFFdata: not a field"),
            Bytes.of("id"),
            Bytes.of("data: ", 0xFF, " ok ", 0xE2, 0x82),
            Bytes.of(""),
            Bytes.of(""),
            Bytes.of("data: unterminated"));

    private static final List<Object> EXPECTED = List.of(
            new Comment("heartbeat"),
            new Retry(3000),
            new MessageEvent("greeting", "안녕하세요\n spaced 😀", "1"),
            new MessageEvent("message", "café\n", "1"),
            new Comment("ünïcode comment"),
            new MessageEvent("message", "\uFFFD ok \uFFFD", ""));

    @ParameterizedTest
    @EnumSource(Terminator.class)
    void wholeStreamGivesTheExpectedCallbacks(Terminator terminator) {
        assertThat(parse(stream(terminator), new int[0])).containsExactlyElementsOf(EXPECTED);
    }

    @ParameterizedTest
    @EnumSource(Terminator.class)
    void everySplitPointGivesTheSameCallbacks(Terminator terminator) {
        byte[] stream = stream(terminator);
        for (int split = 0; split <= stream.length; split++) {
            assertThat(parse(stream, new int[] {split})).as("split at %d", split).isEqualTo(EXPECTED);
        }
    }

    @ParameterizedTest
    @EnumSource(Terminator.class)
    void everyPairOfSplitPointsGivesTheSameCallbacks(Terminator terminator) {
        byte[] stream = stream(terminator);
        for (int first = 0; first <= stream.length; first++) {
            for (int second = first; second <= stream.length; second++) {
                assertThat(parse(stream, new int[] {first, second}))
                        .as("splits at %d and %d", first, second)
                        .isEqualTo(EXPECTED);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Terminator.class)
    void byteByByteGivesTheSameCallbacks(Terminator terminator) {
        byte[] stream = stream(terminator);
        Recorder recorder = new Recorder();
        SseParser parser = new SseParser(recorder);
        for (byte b : stream) {
            parser.feed(new byte[] {b});
        }
        parser.end();

        assertThat(recorder.calls).isEqualTo(EXPECTED);
    }

    @ParameterizedTest
    @EnumSource(Terminator.class)
    void everyChunkSizeThroughDirectBuffersGivesTheSameCallbacks(Terminator terminator) {
        byte[] stream = stream(terminator);
        for (int size = 1; size <= stream.length; size++) {
            Recorder recorder = new Recorder();
            SseParser parser = new SseParser(recorder);
            ByteBuffer direct = ByteBuffer.allocateDirect(size);
            for (int at = 0; at < stream.length; at += size) {
                direct.clear();
                direct.put(stream, at, Math.min(size, stream.length - at)).flip();
                parser.feed(direct);
            }
            parser.end();

            assertThat(recorder.calls).as("chunks of %d bytes", size).isEqualTo(EXPECTED);
        }
    }

    /** Parses {@code stream} fed in the pieces that the ascending {@code splits} cut it into. */
    private static List<Object> parse(byte[] stream, int[] splits) {
        Recorder recorder = new Recorder();
        SseParser parser = new SseParser(recorder);
        int from = 0;
        for (int split : splits) {
            parser.feed(stream, from, split - from);
            from = split;
        }
        parser.feed(stream, from, stream.length - from);
        parser.end();
        return recorder.calls;
    }

    private static byte[] stream(Terminator terminator) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String previous = "";
        for (int i = 0; i < LINES.size(); i++) {
            byte[] line = LINES.get(i);
            String end = terminator.after(i, line, previous);
            out.writeBytes(line);
            out.writeBytes(end.getBytes(StandardCharsets.US_ASCII));
            previous = end;
        }
        return out.toByteArray();
    }
}

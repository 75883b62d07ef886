package dev.herald.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.Recorder.Comment;
import dev.herald.sse.Recorder.Retry;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated round trips: random events are encoded, the bytes cut into random chunks and parsed, and the
 * callbacks must be exactly what a client should see. Each case has its own seed, printed on failure;
 * {@code -Dherald.roundtrip.seed=N} moves the whole run to other seeds.
 */
class SseRoundTripTest {

    private static final long BASE_SEED = Long.getLong("herald.roundtrip.seed", 0x5E_4A1DL);
    private static final int CASES = 600;

    // Whole code points only: the encoder cannot carry a lone surrogate, and no stream can produce one.
    private static final List<String> TEXT = List.of(
            "a", "Z", "7", " ", "  ", ":", ": ", "data: x", "id:", "retry: 1", "event", "\t", "한국어", "😀",
            "👩‍💻", "🇰🇷", "é", "e\u0301", "ß", "Ω", "\uFEFF", "\uFFFD", "\u2028", "\u0085");
    private static final List<String> LINE_BREAKS = List.of("\n", "\r", "\r\n", "\n\n", "\r\r", "\r\n\r\n", "\n\r");
    private static final List<Integer> MAX_CHUNKS = List.of(1, 2, 3, 7, 64, 100_000);

    @Test
    void randomEventSequencesSurviveEncodingChunkingAndParsing() {
        for (int i = 0; i < CASES; i++) {
            long seed = BASE_SEED + i;
            Random random = new Random(seed);
            String seededId = random.nextInt(4) == 0 ? text(random, false, false) : "";
            List<SseEvent> events = events(random);
            byte[] wire = encode(random, events);

            Recorder recorder = new Recorder();
            SseParser parser = new SseParser(recorder);
            parser.lastEventId(seededId);
            feedInRandomChunks(random, parser, wire);
            parser.end();

            assertThat(recorder.calls).as("seed %d, events %s", seed, events).isEqualTo(expected(seededId, events));
            assertThat(parser.lastEventId()).as("seed %d, lastEventId", seed).isEqualTo(lastId(seededId, events));
        }
    }

    private static List<SseEvent> events(Random random) {
        List<SseEvent> events = new ArrayList<>();
        for (int n = 1 + random.nextInt(8); n > 0; n--) {
            String id = random.nextInt(3) == 0 ? text(random, false, false) : null;
            String type = random.nextInt(2) == 0 ? text(random, false, true) : null;
            String data = random.nextInt(6) == 0 ? null : text(random, true, true);
            Long retry = random.nextInt(5) == 0 ? retry(random) : null;
            String comment = random.nextInt(5) == 0 ? text(random, false, true) : null;
            events.add(new SseEvent(id, type, data, retry, comment));
        }
        return events;
    }

    private static String text(Random random, boolean lineBreaks, boolean nul) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(9); n > 0; n--) {
            int pick = random.nextInt(10);
            if (lineBreaks && pick < 3) {
                text.append(LINE_BREAKS.get(random.nextInt(LINE_BREAKS.size())));
            } else if (nul && pick == 3) {
                text.append('\0');
            } else {
                text.append(TEXT.get(random.nextInt(TEXT.size())));
            }
        }
        return text.toString();
    }

    private static long retry(Random random) {
        return random.nextInt(10) == 0 ? Long.MAX_VALUE : random.nextInt(100_000);
    }

    /** The wire bytes, sometimes behind a byte order mark, which the parser must strip. */
    private static byte[] encode(Random random, List<SseEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(4) == 0) {
            out.writeBytes(Bytes.of("\uFEFF"));
        }
        events.forEach(event -> out.writeBytes(SseEncoder.encode(event)));
        return out.toByteArray();
    }

    /** Feeds through all three entry points, in chunks of random size, sometimes empty. */
    private static void feedInRandomChunks(Random random, SseParser parser, byte[] wire) {
        int maxChunk = MAX_CHUNKS.get(random.nextInt(MAX_CHUNKS.size()));
        int at = 0;
        while (at < wire.length) {
            int size = Math.min(random.nextInt(maxChunk + 1), wire.length - at);
            switch (random.nextInt(4)) {
                case 0 -> parser.feed(Arrays.copyOfRange(wire, at, at + size));
                case 1 -> parser.feed(wire, at, size);
                case 2 -> parser.feed(ByteBuffer.wrap(wire, at, size));
                default -> parser.feed(ByteBuffer.allocateDirect(size).put(wire, at, size).flip());
            }
            at += size;
        }
    }

    /** What a client must see, worked out from the events rather than from the wire. */
    private static List<Object> expected(String seededId, List<SseEvent> events) {
        List<Object> calls = new ArrayList<>();
        String lastId = seededId;
        for (SseEvent event : events) {
            if (event.comment() != null) {
                calls.add(new Comment(event.comment()));
            }
            if (event.id() != null) {
                lastId = event.id();
            }
            if (event.retry() != null) {
                calls.add(new Retry(event.retry()));
            }
            if (event.data() != null) {
                String type = event.type() == null || event.type().isEmpty() ? "message" : event.type();
                calls.add(new MessageEvent(type, normalizeLineBreaks(event.data()), lastId));
            }
        }
        return calls;
    }

    private static String lastId(String seededId, List<SseEvent> events) {
        String lastId = seededId;
        for (SseEvent event : events) {
            if (event.id() != null) {
                lastId = event.id();
            }
        }
        return lastId;
    }

    private static String normalizeLineBreaks(String data) {
        return data.replace("\r\n", "\n").replace('\r', '\n');
    }
}

package dev.herald.server.internal.apps;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The chat application's stand-in for a language model: a deterministic answer to a message, cut into
 * tokens (words, each with the space before it), so that the same message always streams the same text and a
 * test can compare what a page shows with the whole answer. No model and no network.
 */
public final class ChatGenerator {

    /** The longest message accepted, in characters. */
    public static final int MAX_MESSAGE_LENGTH = 1000;

    private static final String[] SENTENCES = {
        "Server-Sent Events keep one HTTP response open and let the server write to it whenever it likes.",
        "Each event is a few lines of text: an optional id, an optional type, and the data.",
        "When the connection drops, the browser reconnects by itself and sends the last id it saw.",
        "Herald keeps an ordered log, so a client that comes back with Last-Event-ID misses nothing.",
        "This answer is streamed token by token, just as a language model would produce it.",
        "Every token you see went through the hub's log on a topic of its own, with an id.",
        "Reload the page in the middle of an answer and it continues exactly where it was.",
        "The Stop button asks the server to cancel the generation; the stream then ends with [DONE].",
        "Over HTTP/2 many streams share one connection, so the six-connection limit of HTTP/1.1 goes away.",
        "A proxy in front must not buffer the response, which is why Herald sends X-Accel-Buffering: no.",
        "Heartbeat comments keep idle connections alive through proxies that close silent ones.",
        "Unlike WebSocket, SSE is plain HTTP: cookies, authentication and load balancers just work.",
        "For traffic in both directions, the client simply sends ordinary HTTP requests.",
        "A slow reader is cut before it can fill the server's memory, and resumes from its last id.",
    };

    private ChatGenerator() {
    }

    /** The whole answer to {@code message}: the concatenation of its {@link #tokens(String) tokens}. */
    public static String answer(String message) {
        return String.join("", tokens(message));
    }

    /** The answer to {@code message} as the tokens it is streamed in; the first has no leading space. */
    public static List<String> tokens(String message) {
        String asked = message.strip().replaceAll("\\s+", " ");
        Random random = new Random(seed(asked));
        StringBuilder text = new StringBuilder("You asked: \"").append(asked).append("\".");
        List<Integer> pool = new ArrayList<>();
        for (int i = 0; i < SENTENCES.length; i++) {
            pool.add(i);
        }
        int sentences = 4 + random.nextInt(3);
        for (int i = 0; i < sentences; i++) {
            text.append(' ').append(SENTENCES[pool.remove(random.nextInt(pool.size()))]);
        }
        text.append(" That is all for now.");
        return split(text.toString());
    }

    private static List<String> split(String text) {
        List<String> tokens = new ArrayList<>();
        for (String word : text.split(" ")) {
            tokens.add(tokens.isEmpty() ? word : " " + word);
        }
        return tokens;
    }

    /** A seed from the message's bytes that every JVM computes alike (unlike a String hash, it is specified here). */
    private static long seed(String text) {
        long hash = 1125899906842597L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = 31 * hash + b;
        }
        return hash;
    }
}

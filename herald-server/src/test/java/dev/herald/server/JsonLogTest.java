package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.server.internal.auth.TokenMinter;
import dev.herald.testkit.Await;
import dev.herald.testkit.SseRecorder;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code --log-format json}: one JSON object per line on stderr, and a token passed in a URL never in any of them. */
class JsonLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void jsonLinesLogEachStreamOpenedAndClosedWithTheQueryTokenMasked() throws Exception {
        String key = HeraldFixture.KEY;
        String token = TokenMinter.mint(key, List.of(), List.of("/private/{id}"), Duration.ofHours(1));
        try (ChildJvm herald = ChildJvm.start(Map.of("HERALD_PUBLISHER_JWT_KEY", key), List.of(),
                "--host", "127.0.0.1", "--port", "0", "--allow-query-token", "--log-format", "json", "--log-level", "debug")) {
            Pattern listening = Pattern.compile("Herald listening on [^:]+:(\\d+)");
            Await.until(Duration.ofSeconds(30), () -> listening.matcher(herald.err()).find(),
                    () -> "the server to start; stderr:\n" + herald.err());
            Matcher matcher = listening.matcher(herald.err());
            assertThat(matcher.find()).isTrue();
            URI stream = URI.create("http://127.0.0.1:" + matcher.group(1) + HeraldFixture.mercureQuery("/private/1")
                    + "&authorization=" + URLEncoder.encode(token, StandardCharsets.UTF_8));

            try (SseRecorder subscriber = SseRecorder.open(stream)) {
                assertThat(subscriber.status()).isEqualTo(200);
                Await.until(() -> messages(herald.err()).stream().anyMatch(m -> m.startsWith("stream opened")),
                        "the stream's opening to be logged");
            }
            Await.until(() -> messages(herald.err()).stream().anyMatch(m -> m.startsWith("stream closed")),
                    "the stream's end to be logged");

            List<String> messages = messages(herald.err());
            assertThat(messages).anyMatch(m -> m.startsWith("stream opened") && m.contains("authorization=[redacted]"));
            assertThat(herald.err()).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
        }
    }

    /** The message of every complete line, failing unless each is a JSON object with the expected fields. */
    private static List<String> messages(String stderr) {
        List<String> messages = new ArrayList<>();
        for (String line : stderr.substring(0, stderr.lastIndexOf('\n') + 1).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            JsonNode object;
            try {
                object = JSON.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
            assertThat(object.isObject()).as(line).isTrue();
            assertThat(object.has("timestamp") && object.has("level") && object.has("logger")).as(line).isTrue();
            messages.add(object.get("message").asText());
        }
        return messages;
    }
}

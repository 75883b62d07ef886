package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.MessageEvent;
import dev.herald.testkit.RecordedRequest;
import dev.herald.testkit.Script;
import dev.herald.testkit.ScriptedSseServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's Java example, compiled and run here, and checked to be the README's text verbatim. */
class ReadmeExampleTest {

    private static final Path README = Path.of("README.md");
    private static final Path THIS_SOURCE = Path.of("src/test/java/dev/herald/client/ReadmeExampleTest.java");

    @Test
    void theReadmeExampleIsTheCodeThisTestRuns() throws Exception {
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(README));
        assertThat(block.find()).as("README.md has a java block").isTrue();
        String source = Files.readString(THIS_SOURCE);

        for (String line : block.group(1).split("\n")) {
            assertThat(source).as("this test contains the README line").contains(line);
        }
    }

    @Test
    void theReadmeExamplePublishesAndReceives() throws Exception {
        try (ScriptedSseServer server = ScriptedSseServer.start()) {
            server.enqueue(Script.status(200).header("Content-Type", "text/plain").body("urn:uuid:1"))
                    .enqueue(Script.sse().write("event: update\nid: urn:uuid:1\ndata: {\"stock\":0}\n\n").silence());
            URI hub = server.uri("/.well-known/mercure");
            String token = "a.b.c";
            String id = example(hub, token);

            assertThat(id).isEqualTo("urn:uuid:1");
            RecordedRequest publish = server.takeRequest(Duration.ofSeconds(5));
            assertThat(publish.formValues("type")).containsExactly("update");
            assertThat(server.takeRequest(Duration.ofSeconds(5)).queryParameters("topic"))
                    .containsExactly("https://example.com/books/1");
        }
    }

    // The README's block, line for line (indented here).
    private static String example(URI hub, String token) throws Exception {
        HeraldPublisher publisher = HeraldPublisher.to(hub).withToken(token);
        String id = publisher.publish(Update.of("https://example.com/books/1", "{\"stock\":0}").withType("update"));

        try (EventStream events = EventSource.builder(hub)
                .topic("https://example.com/books/1")
                .header("Authorization", "Bearer " + token)
                .openStream()) {
            MessageEvent event = events.next(Duration.ofSeconds(10)).orElseThrow();
            System.out.println(event.type() + " " + event.lastEventId() + ": " + event.data());
        }
        return id;
    }
}

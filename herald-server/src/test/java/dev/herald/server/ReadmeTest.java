package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.EventSource;
import dev.herald.client.HeraldPublisher;
import dev.herald.client.ReadyState;
import dev.herald.client.Update;
import dev.herald.server.cli.HeraldCommand;
import dev.herald.testkit.Await;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The root README's "Java client and command line" section: its Java example is the code this test runs
 * against a development-mode Herald, and every {@code herald} command it shows is one the program parses.
 */
class ReadmeTest {

    private static final Path README = Path.of("../README.md");
    private static final Path THIS_SOURCE = Path.of("src/test/java/dev/herald/server/ReadmeTest.java");

    private static String section() throws Exception {
        String readme = Files.readString(README);
        int start = readme.indexOf("## Java client and command line");
        assertThat(start).as("the README has the section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    @Test
    void theJavaExampleIsTheCodeThisTestRuns() throws Exception {
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(section());
        assertThat(block.find()).as("the section has a java block").isTrue();
        String source = Files.readString(THIS_SOURCE);

        for (String line : block.group(1).split("\n")) {
            assertThat(source).as("this test contains the README line").contains(line);
        }
    }

    @Test
    void theJavaExamplePrintsWhatItPublishes() throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (HeraldFixture herald = HeraldFixture.start(ServerConfig.defaults("127.0.0.1", 0).withHeartbeatSeconds(0))) {
            URI hub = herald.uri("/.well-known/mercure");
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            try (EventSource source = subscribe(hub)) {
                Await.until(() -> source.readyState() == ReadyState.OPEN, "the example's source to connect");
                String id = publish(hub);

                Await.until(() -> printed.toString(StandardCharsets.UTF_8).equals(id + " {\"title\":\"Dune\"}\n"),
                        "the example to print the update");
            }
        } finally {
            System.setOut(stdout);
        }
    }

    @Test
    void everyHeraldCommandInTheSectionParses() throws Exception {
        Matcher command = Pattern.compile("herald ((?:listen|publish|token) [^\\n)]*)").matcher(section());
        List<String> checked = new ArrayList<>();
        while (command.find()) {
            HeraldCommand.commandLine().parseArgs(shellWords(command.group(1)));
            checked.add(command.group(1));
        }
        assertThat(checked).as("the section shows listen, publish and token").hasSizeGreaterThanOrEqualTo(3);
    }

    // The README's block, line for line (indented here), split where the test waits for the connection.
    private static EventSource subscribe(URI hub) {
        // Subscribe: events arrive in order on the source's own thread; it reconnects and resumes by itself.
        EventSource source = EventSource.builder(hub)
                .topic("/books/{id}")
                .on("bookUpdated", event -> System.out.println(event.lastEventId() + " " + event.data()))
                .onError(error -> System.err.println(error.failure().getMessage()))
                .start();
        return source;
    }

    private static String publish(URI hub) throws Exception {
        // Publish, from this or any other program (development mode needs no token from this machine):
        String id = HeraldPublisher.to(hub).publish(Update.of("/books/1", "{\"title\":\"Dune\"}").withType("bookUpdated"));
        return id;
    }

    /** Splits a command line as a POSIX shell does for plain words and single- or double-quoted ones. */
    private static String[] shellWords(String line) {
        List<String> words = new ArrayList<>();
        Matcher word = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)").matcher(line);
        while (word.find()) {
            words.add(word.group(1) != null ? word.group(1) : word.group(2) != null ? word.group(2) : word.group(3));
        }
        return words.toArray(String[]::new);
    }
}

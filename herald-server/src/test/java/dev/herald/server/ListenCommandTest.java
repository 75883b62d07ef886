package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.server.cli.ExitCodes;
import dev.herald.testkit.Await;
import dev.herald.testkit.Script;
import dev.herald.testkit.ScriptedSseServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code herald listen}, run in this JVM against the real server and against scripted ones. */
class ListenCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String mercure(HeraldFixture hub) {
        return hub.uri("/.well-known/mercure").toString();
    }

    private static void awaitSubscribers(HeraldFixture hub, int count) {
        Await.until(() -> hub.server.hub().subscriberCount() == count, count + " subscriber(s) on the hub");
    }

    @Test
    void withJsonItPrintsExactlyOneJsonObjectPerLineForEachPublishedUpdate() throws Exception {
        try (HeraldFixture hub = HeraldFixture.start()) {
            CliRunner listen = CliRunner.start("listen", mercure(hub), "--topic", "/books/{id}", "--json");
            awaitSubscribers(hub, 1);
            String generated = hub.publish("/books/1", "{\"title\":\"Dune\"}");
            hub.publishForm(HeraldFixture.publisherToken(), "topic", "/books/2", "data", "two\nlines \"quoted\" é ✓",
                    "type", "bookUpdated", "id", "b-2");
            hub.publishForm(HeraldFixture.publisherToken(), "topic", "/authors/1", "data", "not followed");

            List<String> lines = listen.awaitLines(2);
            assertThat(listen.interrupt()).isEqualTo(ExitCodes.INTERRUPTED);
            assertThat(listen.outLines()).hasSize(2);
            assertThat(lines.get(0)).isEqualTo("{\"type\":\"message\",\"data\":\"{\\\"title\\\":\\\"Dune\\\"}\",\"lastEventId\":\""
                    + generated + "\"}");
            JsonNode second = JSON.readTree(lines.get(1));
            assertThat(second.fieldNames()).toIterable().containsExactly("type", "data", "lastEventId");
            assertThat(second.get("type").asText()).isEqualTo("bookUpdated");
            assertThat(second.get("data").asText()).isEqualTo("two\nlines \"quoted\" é ✓");
            assertThat(second.get("lastEventId").asText()).isEqualTo("b-2");
            assertThat(lines.get(1)).as("ASCII only, whatever the locale").matches("\\p{ASCII}*");
            assertThat(listen.err()).isEmpty();
        }
    }

    @Test
    void withoutJsonItPrintsTheTypeAndIdThenTheDataThenAnEmptyLine() {
        try (HeraldFixture hub = HeraldFixture.start()) {
            CliRunner listen = CliRunner.start("listen", mercure(hub), "--topic", "/books/1");
            awaitSubscribers(hub, 1);
            hub.publishForm(HeraldFixture.publisherToken(), "topic", "/books/1", "data", "line 1\nline 2",
                    "type", "bookUpdated", "id", "b-1");

            listen.awaitLines(4);
            listen.interrupt();
            assertThat(listen.out()).isEqualTo("[bookUpdated] b-1\nline 1\nline 2\n\n");
        }
    }

    @Test
    void itResumesAfterTheLastIdAndExitsZeroWhenTheServerAnswers204() throws Exception {
        try (ScriptedSseServer server = ScriptedSseServer.start()) {
            server.enqueue(Script.sse().write("id: 41\ndata: forty-one\n\n"))
                    .enqueue(Script.status(204));

            CliRunner.Result result = CliRunner.run("listen", server.uri("/events").toString(), "--last-event-id", "40",
                    "--json");

            assertThat(result.status()).isEqualTo(ExitCodes.OK);
            assertThat(result.out()).isEqualTo("{\"type\":\"message\",\"data\":\"forty-one\",\"lastEventId\":\"41\"}\n");
            assertThat(server.takeRequest(Duration.ofSeconds(5)).header("Last-Event-ID")).isEqualTo("40");
            assertThat(server.takeRequest(Duration.ofSeconds(5)).header("Last-Event-ID")).isEqualTo("41");
            assertThat(result.err()).contains("ended the stream").contains("reconnecting in");
        }
    }

    @Test
    void a401EndsItWithTheServersReasonOnStderr() {
        try (HeraldFixture hub = HeraldFixture.start(HeraldFixture.base().withAnonymous(false))) {
            CliRunner.Result result = CliRunner.run("listen", mercure(hub), "--topic", "/books/1", "--json");

            assertThat(result.status()).isEqualTo(ExitCodes.UNAUTHORIZED);
            assertThat(result.out()).isEmpty();
            assertThat(result.err()).startsWith("herald listen: ").contains("HTTP 401")
                    .contains("this hub does not accept anonymous subscribers");
        }
    }

    @Test
    void headersAreSentWithTheRequestSoATokenOpensAPrivateHub() {
        try (HeraldFixture hub = HeraldFixture.start(HeraldFixture.base().withAnonymous(false))) {
            String token = HeraldFixture.token(List.of(), List.of("*"));
            CliRunner listen = CliRunner.start("listen", mercure(hub), "--topic", "/books/1", "--json",
                    "--header", "Authorization: Bearer " + token);
            awaitSubscribers(hub, 1);
            hub.publishForm(HeraldFixture.publisherToken(), "topic", "/books/1", "data", "private", "private", "on");

            assertThat(listen.awaitLines(1).get(0)).contains("\"data\":\"private\"");
            listen.interrupt();
        }
    }

    @Test
    void anUnreachableServerEndsItAfterMaxRetriesFailuresInARow() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRunner.Result result = CliRunner.run("listen", "http://127.0.0.1:" + closedPort + "/events", "--max-retries", "1");

        assertThat(result.status()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err().lines()).hasSize(2);
        assertThat(result.err().lines().toList().get(0)).contains("could not connect").contains("reconnecting in");
        assertThat(result.err().lines().toList().get(1)).startsWith("herald listen: could not connect");
    }

    @Test
    void aUrlThatIsNotAnEventStreamEndsItAtOnce() throws Exception {
        try (ScriptedSseServer server = ScriptedSseServer.start()) {
            server.enqueue(Script.status(200).header("Content-Type", "text/html").body("<html>login</html>"));

            CliRunner.Result result = CliRunner.run("listen", server.uri("/").toString());

            assertThat(result.status()).isEqualTo(ExitCodes.NOT_AN_EVENT_STREAM);
            assertThat(result.err()).contains("text/html").contains("instead of text/event-stream");
        }
    }

    @Test
    void aConnectionThatGoesSilentIsReplacedAndTheStreamResumes() throws Exception {
        try (ScriptedSseServer server = ScriptedSseServer.start()) {
            server.enqueue(Script.sse().header("Herald-Heartbeat-Ms", "100").write("id: 1\ndata: one\n\n").silence())
                    .enqueue(Script.sse().write("id: 2\ndata: two\n\n"))
                    .enqueue(Script.status(204));

            CliRunner.Result result = CliRunner.run("listen", server.uri("/events").toString(), "--json");

            assertThat(result.status()).isEqualTo(ExitCodes.OK);
            assertThat(result.out().lines()).hasSize(2);
            assertThat(result.err()).contains("within 300 ms");
            server.takeRequest(Duration.ofSeconds(5));
            assertThat(server.takeRequest(Duration.ofSeconds(5)).header("Last-Event-ID")).isEqualTo("1");
        }
    }

    @Test
    void aHeaderWithoutAColonIsAUsageErrorNamingTheFlag() {
        CliRunner.Result result = CliRunner.run("listen", "http://127.0.0.1:1/events", "--header", "Authorization");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--header must look like 'Name: value', got 'Authorization'");
    }
}

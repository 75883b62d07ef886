package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.cli.ExitCodes;
import dev.herald.sse.MessageEvent;
import dev.herald.testkit.SseRecorder;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code herald publish}, run in this JVM against the real server. */
class PublishCommandTest {

    private static String mercure(HeraldFixture hub) {
        return hub.uri("/.well-known/mercure").toString();
    }

    @Test
    void itPrintsTheIdTheHubGaveAndSubscribersReceiveTheUpdate() {
        try (HeraldFixture hub = HeraldFixture.start(); SseRecorder subscriber = hub.subscribe("/books/1")) {
            assertThat(subscriber.status()).isEqualTo(200);

            CliRunner.Result result = CliRunner.run("publish", mercure(hub), "--topic", "/books/1", "--data", "hello",
                    "--token", HeraldFixture.publisherToken());

            assertThat(result.status()).isEqualTo(ExitCodes.OK);
            assertThat(result.out()).matches("urn:uuid:[0-9a-f-]{36}\n");
            assertThat(result.err()).isEmpty();
            MessageEvent event = subscriber.next();
            assertThat(event.data()).isEqualTo("hello");
            assertThat(event.lastEventId()).isEqualTo(result.out().strip());
        }
    }

    @Test
    void everyFieldReachesTheSubscriberAndTheDataFileIsSentAsIs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("update.json");
        Files.writeString(file, "{\"title\":\"Dune\",\n \"note\":\"ünïcode\"}");
        try (HeraldFixture hub = HeraldFixture.start(); SseRecorder subscriber = hub.subscribe("/authors/1")) {
            assertThat(subscriber.status()).isEqualTo(200);

            CliRunner.Result result = CliRunner.run("publish", mercure(hub), "--topic", "/books/1", "--topic", "/authors/1",
                    "--data-file", file.toString(), "--id", "dune-1", "--type", "bookUpdated", "--retry", "2500",
                    "--token", HeraldFixture.publisherToken());

            assertThat(result.out()).isEqualTo("dune-1\n");
            MessageEvent event = subscriber.next();
            assertThat(event).isEqualTo(new MessageEvent("bookUpdated", "{\"title\":\"Dune\",\n \"note\":\"ünïcode\"}", "dune-1"));
            assertThat(subscriber.retries()).endsWith(2500L);
        }
    }

    @Test
    void aDevelopmentModeHubTakesAPublishFromThisMachineWithoutAToken() {
        try (HeraldFixture hub = HeraldFixture.start(ServerConfig.defaults("127.0.0.1", 0).withHeartbeatSeconds(0))) {
            CliRunner.Result result = CliRunner.run("publish", mercure(hub), "--topic", "/hello", "--data", "world");

            assertThat(result.status()).isEqualTo(ExitCodes.OK);
            assertThat(result.out()).startsWith("urn:uuid:");
        }
    }

    @Test
    void a403PrintsTheHubsReasonAndExitsWithTheForbiddenStatus() {
        try (HeraldFixture hub = HeraldFixture.start()) {
            String booksOnly = HeraldFixture.token(List.of("/books/{id}"), List.of());

            CliRunner.Result result = CliRunner.run("publish", mercure(hub), "--topic", "/authors/1", "--data", "x",
                    "--token", booksOnly);

            assertThat(result.status()).isEqualTo(ExitCodes.FORBIDDEN);
            assertThat(result.out()).isEmpty();
            assertThat(result.err()).startsWith("herald publish: ").contains("HTTP 403")
                    .contains("mercure.publish claim does not allow publishing to topic \"/authors/1\"");
        }
    }

    @Test
    void withoutATokenAHubWithAKeyAnswers401AndItExitsWithTheUnauthorizedStatus() {
        try (HeraldFixture hub = HeraldFixture.start()) {
            CliRunner.Result result = CliRunner.run("publish", mercure(hub), "--topic", "/books/1", "--data", "x");

            assertThat(result.status()).isEqualTo(ExitCodes.UNAUTHORIZED);
            assertThat(result.err()).contains("HTTP 401").contains("publishing requires a JWT")
                    .contains("no token was sent: give one with --token or HERALD_TOKEN");
        }
    }

    @Test
    void anUpdateOverTheBodyLimitIsRejectedWithTheLimitNamed() {
        try (HeraldFixture hub = HeraldFixture.start(HeraldFixture.base().withMaxBody(1024))) {
            CliRunner.Result result = CliRunner.run("publish", mercure(hub), "--topic", "/books/1", "--data", "x".repeat(2000),
                    "--token", HeraldFixture.publisherToken());

            assertThat(result.status()).isEqualTo(ExitCodes.REJECTED);
            assertThat(result.err()).contains("HTTP 413").contains("--max-body");
        }
    }

    @Test
    void anUnreachableHubExitsWithTheUnreachableStatus() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRunner.Result result = CliRunner.run("publish", "http://127.0.0.1:" + closedPort + "/.well-known/mercure",
                "--topic", "/books/1", "--data", "x");

        assertThat(result.status()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err()).contains("could not reach").contains("check that the hub is running");
    }

    @Test
    void dataAndDataFileTogetherAreAUsageError() {
        CliRunner.Result result = CliRunner.run("publish", "http://127.0.0.1:1/.well-known/mercure", "--topic", "/a",
                "--data", "x", "--data-file", "f.json");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("give --data or --data-file, not both");
    }

    @Test
    void anIdThatWouldInjectAFieldIsRefusedBeforeAnythingIsSent() {
        CliRunner.Result result = CliRunner.run("publish", "http://127.0.0.1:1/.well-known/mercure", "--topic", "/a",
                "--id", "1\nevent: evil");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("id");
    }
}

package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.cli.ExitCodes;
import dev.herald.testkit.Await;
import dev.herald.testkit.Script;
import dev.herald.testkit.ScriptedSseServer;
import dev.herald.testkit.SseRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client subcommands as scripts run them: {@code java … dev.herald.server.Main listen|publish|token} in a child JVM. */
class ClientCommandsInTheirOwnJvmTest {

    private static final Duration EXIT = Duration.ofSeconds(30);

    @Test
    void listenWithJsonPrintsOneObjectPerLineAndNothingElse() throws Exception {
        try (HeraldFixture hub = HeraldFixture.start();
             ChildJvm listen = ChildJvm.start(Map.of(), List.of(), "listen", "--json",
                     hub.uri("/.well-known/mercure").toString(), "--topic", "/books/{id}")) {
            Await.until(Duration.ofSeconds(30), () -> hub.server.hub().subscriberCount() == 1,
                    () -> "the child to subscribe; stderr: " + listen.err());
            String first = hub.publish("/books/1", "one");
            hub.publishForm(HeraldFixture.publisherToken(), "topic", "/books/2", "data", "two\nlines", "type", "t", "id", "b-2");

            Await.until(() -> listen.out().lines().count() == 2, "two lines from the child");
            assertThat(listen.out()).isEqualTo(
                    "{\"type\":\"message\",\"data\":\"one\",\"lastEventId\":\"" + first + "\"}\n"
                    + "{\"type\":\"t\",\"data\":\"two\\nlines\",\"lastEventId\":\"b-2\"}\n");
            assertThat(listen.err()).isEmpty();
        }
    }

    @Test
    void listenStopsWithStatusZeroWhenTheReaderOfItsOutputGoesAway() throws Exception {
        try (HeraldFixture hub = HeraldFixture.start();
             ChildJvm firstOnly = ChildJvm.startPiped("head -n 1", "listen", "--json",
                     hub.uri("/.well-known/mercure").toString(), "--topic", "/books/1")) {
            Await.until(Duration.ofSeconds(30), () -> hub.server.hub().subscriberCount() == 1,
                    () -> "the child to subscribe; stderr: " + firstOnly.err());
            hub.publish("/books/1", "first");
            Await.until(() -> firstOnly.out().contains("first"), "head to print the first line");

            // head has exited; the next event meets a closed pipe, and nothing else would end listen.
            hub.publish("/books/1", "second");
            assertThat(firstOnly.awaitExit(EXIT)).as("stderr: %s", firstOnly.err()).isEqualTo(ExitCodes.OK);
            assertThat(firstOnly.out().lines()).hasSize(1);
        }
    }

    @Test
    void listenLoadsNeitherVertxNorTheHubAndExitsZeroWhenTheServerAnswers204(@TempDir Path dir) throws Exception {
        Path classes = dir.resolve("classes.log");
        try (ScriptedSseServer server = ScriptedSseServer.start().enqueue(Script.status(204));
             ChildJvm listen = ChildJvm.start(Map.of(), List.of("-Xlog:class+load=info:file=" + classes),
                     "listen", server.uri("/events").toString())) {
            assertThat(listen.awaitExit(EXIT)).as("stderr: %s", listen.err()).isEqualTo(ExitCodes.OK);
        }
        String loaded = Files.readString(classes);
        assertThat(loaded).contains("dev.herald.client.internal.RealEventSource");
        // The listen path must stay light: no server runtime, no hub, no logging or JWT machinery.
        assertThat(loaded).doesNotContain("io.vertx.", "io.netty.", "dev.herald.hub.", "dev.herald.log.",
                "dev.herald.broker.", "dev.herald.server.HeraldServer", "dev.herald.server.internal.",
                "ch.qos.logback.", "com.nimbusds.", "com.fasterxml.jackson.databind.");
    }

    @Test
    void publishTakesItsTokenFromHeraldTokenAndItsDataFromStandardInput() throws Exception {
        try (HeraldFixture hub = HeraldFixture.start(); SseRecorder subscriber = hub.subscribe("/books/1");
             ChildJvm publish = ChildJvm.start(Map.of("HERALD_TOKEN", HeraldFixture.publisherToken()), List.of(),
                     "publish", hub.uri("/.well-known/mercure").toString(), "--topic", "/books/1", "--data-file", "-")) {
            assertThat(subscriber.status()).isEqualTo(200);
            publish.stdin("from standard input");

            assertThat(publish.awaitExit(EXIT)).as("stderr: %s", publish.err()).isEqualTo(ExitCodes.OK);
            assertThat(subscriber.next().data()).isEqualTo("from standard input");
            assertThat(publish.out()).isEqualTo(subscriber.received().get(0).lastEventId() + "\n");
        }
    }

    @Test
    void tokenTakesItsKeyFromTheEnvironmentAndHeraldAcceptsTheToken() throws Exception {
        try (ChildJvm token = ChildJvm.start(Map.of("HERALD_PUBLISHER_JWT_KEY", HeraldFixture.KEY), List.of(),
                "token", "--publish", "/books/{id}")) {
            assertThat(token.awaitExit(EXIT)).as("stderr: %s", token.err()).isEqualTo(ExitCodes.OK);
            try (HeraldFixture hub = HeraldFixture.start()) {
                assertThat(hub.publishForm(token.out().strip(), "topic", "/books/1", "data", "x").statusCode()).isEqualTo(200);
            }
        }
    }
}

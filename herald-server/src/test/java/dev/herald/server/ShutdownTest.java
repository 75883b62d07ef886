package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.Await;
import dev.herald.testkit.SseRecorder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs the real program in its own JVM, configured by environment variables, and stops it with SIGTERM. */
class ShutdownTest {

    @Test
    void sigtermEndsStreamsWithAJitteredRetryAndExitsZeroWithinFiveSeconds() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.javaCommand(List.of(), "--heartbeat", "0"));
        builder.environment().put("HERALD_HOST", "127.0.0.1");
        builder.environment().put("HERALD_PORT", "0");
        builder.environment().put("HERALD_PUBLISHER_JWT_KEY", HeraldFixture.KEY);
        builder.environment().put("HERALD_ANONYMOUS", "true");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        AtomicInteger port = new AtomicInteger();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> readOutput(process, port, output));
        reader.setDaemon(true);
        reader.start();
        try {
            Await.until(Duration.ofSeconds(20), () -> port.get() > 0, () -> "the server to log its port; output:\n" + output);
            URI uri = URI.create("http://127.0.0.1:" + port.get() + "/.well-known/mercure?topic=/bye");
            try (SseRecorder first = SseRecorder.open(uri); SseRecorder second = SseRecorder.open(uri)) {
                assertThat(first.status()).isEqualTo(200);
                assertThat(second.status()).isEqualTo(200);
                Await.until(() -> !first.retries().isEmpty() && !second.retries().isEmpty(), "the opening retry: lines");

                long stopAt = System.nanoTime();
                process.destroy(); // SIGTERM
                assertThat(process.waitFor(5, TimeUnit.SECONDS)).as("exited within 5 s; output:\n%s", output).isTrue();
                assertThat(System.nanoTime() - stopAt).isLessThan(TimeUnit.SECONDS.toNanos(5));
                assertThat(process.exitValue()).as("exit status; output:\n%s", output).isZero();

                first.awaitEnd(Duration.ofSeconds(5));
                second.awaitEnd(Duration.ofSeconds(5));
                List<Long> firstRetries = first.retries();
                List<Long> secondRetries = second.retries();
                assertThat(firstRetries).hasSize(2);
                assertThat(secondRetries).hasSize(2);
                long a = firstRetries.get(1);
                long b = secondRetries.get(1);
                assertThat(a).isBetween(3000L, 9000L);
                assertThat(b).isBetween(3000L, 9000L);
            }
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void whileTheHubShutsDownPublishAndSubscribeAnswer503WithRetryAfter() {
        try (HeraldFixture hub = HeraldFixture.start()) {
            hub.server.hub().close(dev.herald.hub.CloseReason.SHUTDOWN);
            var publish = hub.publishForm(HeraldFixture.publisherToken(), "topic", "/late", "data", "x");
            assertThat(publish.statusCode()).isEqualTo(503);
            assertThat(publish.headers().firstValue("Retry-After")).isPresent();
            assertThat(publish.body()).contains("shutting down");
            var subscribe = hub.get("/.well-known/mercure?topic=/late");
            assertThat(subscribe.statusCode()).isEqualTo(503);
        }
    }

    private static void readOutput(Process process, AtomicInteger port, StringBuilder output) {
        Pattern listening = Pattern.compile("Herald listening on [^:]+:(\\d+)");
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
                Matcher matcher = listening.matcher(line);
                if (matcher.find()) {
                    port.set(Integer.parseInt(matcher.group(1)));
                }
            }
        } catch (java.io.IOException ignored) {
            // The process ended.
        }
    }
}

package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.sse.MessageEvent;
import dev.herald.testkit.Await;
import dev.herald.testkit.SseRecorder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload application over HTTP: streamed to disk, staged progress replayed from the log, clear refusals. */
class UploadAppTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MEGABYTE = 1024 * 1024;

    static HeraldFixture hub;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        // A tiny --max-body: uploads must not be bound by it, only by --max-upload.
        hub = HeraldFixture.start(HeraldFixture.base().withLimits(LimitsConfig.defaults().withConnections(20_000, 20_000)
                .withPublishRate(0).withMaxBody(1024).withMaxUpload(20L * MEGABYTE)).withApps(true));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SseRecorder progress(String uploadId) {
        return SseRecorder.open(hub.http, hub.uri("/api/upload/progress/" + uploadId), Map.of());
    }

    /** The stages of {@code uploadId} up to its last one (done or error). */
    private static List<JsonNode> stagesUntilTheEnd(SseRecorder stream) {
        List<JsonNode> stages = new java.util.ArrayList<>();
        while (true) {
            MessageEvent event = stream.next(Duration.ofSeconds(20));
            assertThat(event.type()).isEqualTo("message");
            JsonNode stage = json(event.data());
            stages.add(stage);
            String name = stage.get("stage").asText();
            if (name.equals("done") || name.equals("error")) {
                return stages;
            }
        }
    }

    @Test
    void aFileIsWrittenToDiskWhileItArrivesThenProcessedInStagesToOneHundredPercent() throws Exception {
        int size = 8 * MEGABYTE;
        byte[] content = new byte[size];
        new java.util.Random(7).nextBytes(content);
        PipedInputStream body = new PipedInputStream(64 * 1024);
        PipedOutputStream sender = new PipedOutputStream(body);
        byte[] head = Uploads.head("file", "photos.zip");
        byte[] tail = Uploads.tail();
        HttpRequest request = HttpRequest.newBuilder(hub.uri("/api/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + Uploads.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body),
                        head.length + size + tail.length))
                .build();
        CompletableFuture<HttpResponse<String>> answer = hub.http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        sender.write(head);
        sender.write(content, 0, size / 2);
        sender.flush();
        // Half the file is sent and the request is not over: that half must already be on disk, not in memory.
        Await.until(Duration.ofSeconds(20), () -> Uploads.inProgress().stream().anyMatch(f -> Uploads.size(f) >= 2L * MEGABYTE),
                () -> "a file of at least 2 MiB in a herald-uploads directory while the upload is under way; found "
                        + Uploads.inProgress());
        assertThat(answer).isNotDone();
        sender.write(content, size / 2, size - size / 2);
        sender.write(tail);
        sender.close();

        HttpResponse<String> response = answer.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String uploadId = json(response.body()).get("uploadId").asText();
        assertThat(uploadId).matches("u[0-9a-f]{32}");

        List<JsonNode> stages;
        try (SseRecorder stream = progress(uploadId)) {
            stages = stagesUntilTheEnd(stream);
        }
        assertThat(stages).extracting(s -> s.get("stage").asText())
                .startsWith("received").contains("scanning", "processing", "storing").endsWith("done");
        assertThat(stages).extracting(s -> s.get("percent").asInt()).isSorted().endsWith(100);
        assertThat(stages.get(stages.size() - 1).get("message").asText()).contains("photos.zip", String.valueOf(size));
        Await.until(() -> Uploads.inProgress().stream().noneMatch(f -> f.getFileName().toString().startsWith(uploadId)),
                "the processed file to be deleted");

        // A progress page that opens after the end still sees every stage from the first, then is told to stop.
        try (SseRecorder late = progress(uploadId)) {
            assertThat(stagesUntilTheEnd(late)).isEqualTo(stages);
        }
        HttpResponse<String> afterTheEnd = hub.send(HttpRequest.newBuilder(hub.uri("/api/upload/progress/" + uploadId))
                .header("Last-Event-ID", uploadId + "-end").build());
        assertThat(afterTheEnd.statusCode()).isEqualTo(204);
    }

    @Test
    void aFileOverMaxUploadIsRefused413WithAnErrorStage() {
        Path big = Uploads.generate(temp, "big.zip", 21L * MEGABYTE);
        HttpResponse<String> response = hub.send(Uploads.post(hub, big, "big.zip"));
        assertThat(response.statusCode()).isEqualTo(413);
        JsonNode answer = json(response.body());
        assertThat(answer.get("error").asText()).contains("too large", "--max-upload");
        try (SseRecorder stream = progress(answer.get("uploadId").asText())) {
            JsonNode stage = json(stream.next().data());
            assertThat(stage.get("stage").asText()).isEqualTo("error");
            assertThat(stage.get("message").asText()).contains("--max-upload");
        }
    }

    @Test
    void aTypeOutsideTheAllowedSetIsRefused415WithAnErrorStageNamingTheAllowedOnes() {
        Path program = Uploads.generate(temp, "setup.exe", 100_000);
        HttpResponse<String> response = hub.send(Uploads.post(hub, program, "setup.exe"));
        assertThat(response.statusCode()).isEqualTo(415);
        JsonNode answer = json(response.body());
        try (SseRecorder stream = progress(answer.get("uploadId").asText())) {
            JsonNode stage = json(stream.next().data());
            assertThat(stage.get("stage").asText()).isEqualTo("error");
            assertThat(stage.get("message").asText()).contains("'exe'", "png", "pdf");
        }
        assertThat(Uploads.inProgress()).noneMatch(f -> f.getFileName().toString().startsWith(answer.get("uploadId").asText()));
    }

    @Test
    void anUploadAbandonedMidwayEndsWithAnErrorStageAndLeavesNoFile() throws Exception {
        List<Path> before = Uploads.inProgress();
        Path file;
        try (Socket socket = new Socket("127.0.0.1", hub.server.port())) {
            OutputStream out = socket.getOutputStream();
            byte[] head = Uploads.head("file", "notes.txt");
            out.write(("POST /api/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary="
                    + Uploads.BOUNDARY + "\r\nContent-Length: " + (head.length + 4 * MEGABYTE) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(head);
            out.write(new byte[MEGABYTE]);
            out.flush();
            Await.until(() -> Uploads.inProgress().stream().anyMatch(f -> !before.contains(f) && Uploads.size(f) > 0),
                    "the upload's file to appear");
            file = Uploads.inProgress().stream().filter(f -> !before.contains(f)).findFirst().orElseThrow();
        }
        String uploadId = file.getFileName().toString().replace(".upload", "");
        try (SseRecorder stream = progress(uploadId)) {
            JsonNode stage = json(stream.next().data());
            assertThat(stage.get("stage").asText()).isEqualTo("error");
            assertThat(stage.get("message").asText()).contains("interrupted");
        }
        Await.until(() -> !file.toFile().exists(), "the partial file to be deleted");
    }

    @Test
    void anUploadThatKeepsArrivingOutlivesTheRequestTimeout() throws Exception {
        try (HeraldFixture strict = HeraldFixture.start(HeraldFixture.base().withApps(true)
                .withLimits(LimitsConfig.defaults().withRequestTimeoutSeconds(1)))) {
            PipedInputStream body = new PipedInputStream(64 * 1024);
            PipedOutputStream sender = new PipedOutputStream(body);
            byte[] head = Uploads.head("file", "slow.txt");
            byte[] tail = Uploads.tail();
            int pieces = 15;
            byte[] piece = "x".repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII);
            HttpRequest request = HttpRequest.newBuilder(strict.uri("/api/upload"))
                    .header("Content-Type", "multipart/form-data; boundary=" + Uploads.BOUNDARY)
                    .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body),
                            head.length + (long) pieces * piece.length + tail.length))
                    .build();
            CompletableFuture<HttpResponse<String>> answer = strict.http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
            sender.write(head);
            // The scenario, not a wait for luck: a body trickling in over three times the --request-timeout.
            for (int i = 0; i < pieces; i++) {
                sender.write(piece);
                sender.flush();
                Thread.sleep(200);
            }
            sender.write(tail);
            sender.close();
            HttpResponse<String> response = answer.get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
    }

    @Test
    void aMalformedMultipartBodyIsAnsweredNotHung() {
        HttpResponse<String> response = hub.send(HttpRequest.newBuilder(hub.uri("/api/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + Uploads.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofString("--" + Uploads.BOUNDARY + "\r\nContent-Disposition: garbage\r\n\r\nxx"))
                .build());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).get("error").asText()).contains("malformed");
    }

    @Test
    void aBodyThatIsNotMultipartIsRefused415AndABadUploadId400() {
        HttpResponse<String> response = hub.send(HttpRequest.newBuilder(hub.uri("/api/upload"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json(response.body()).get("error").asText()).contains("multipart/form-data");

        HttpResponse<String> badId = hub.get("/api/upload/progress/..%2Fetc");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains("uploadId must be");
    }
}

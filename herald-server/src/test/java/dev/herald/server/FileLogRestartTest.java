package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.sse.MessageEvent;
import dev.herald.testkit.SseRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With {@code --log-dir}, history survives a restart of the node and Last-Event-ID replay works across it. */
class FileLogRestartTest {

    private static final String TOPIC = "https://example.com/durable";

    @Test
    void updatesPublishedBeforeARestartAreReplayedAfterItFromTheLastEventId() throws Exception {
        Path dir = Files.createTempDirectory("herald-log-dir-");
        try (HeraldFixture before = HeraldFixture.start(HeraldFixture.base(), StorageConfig.file(dir))) {
            for (String id : List.of("d-1", "d-2", "d-3")) {
                assertThat(before.publishForm(HeraldFixture.publisherToken(), "topic", TOPIC, "id", id, "data", "data of " + id)
                        .statusCode()).isEqualTo(200);
            }
        }

        try (HeraldFixture after = HeraldFixture.start(HeraldFixture.base(), StorageConfig.file(dir));
             SseRecorder resumed = after.subscribe(Map.of("Last-Event-ID", "d-1"), TOPIC)) {
            List<MessageEvent> replayed = resumed.next(2);

            assertThat(resumed.headers().firstValue("Herald-History-Gap")).isEmpty();
            assertThat(replayed).extracting(MessageEvent::lastEventId).containsExactly("d-2", "d-3");
            assertThat(replayed.get(1).data()).isEqualTo("data of d-3");
            assertThat(after.publishForm(HeraldFixture.publisherToken(), "topic", TOPIC, "id", "d-2", "data", "again").body())
                    .as("a retry of an id from before the restart is acknowledged, not appended").isEqualTo("d-2");
            assertThat(resumed.nothingUnread()).isTrue();
        }
    }

    @Test
    void aLogDirAndRedisTogetherAreRefusedNamingBothFlags() {
        assertThatThrownBy(() -> new StorageConfig("redis://localhost:6379/0", 100, 0, Path.of("/tmp/x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--log-dir").hasMessageContaining("--redis");
        assertThatThrownBy(() -> new StorageConfig("http://localhost", 100, 0, null))
                .hasMessageContaining("--redis must be a redis://");
        assertThatThrownBy(() -> new StorageConfig(null, -1, 0, null))
                .hasMessageContaining("--redis-max-length must be >= 0");
    }
}

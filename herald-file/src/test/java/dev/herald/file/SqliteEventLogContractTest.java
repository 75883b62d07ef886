package dev.herald.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.hub.Update;
import dev.herald.log.EventLog;
import dev.herald.testkit.contract.EventLogContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@link SqliteEventLog} keeps the {@link EventLogContract}, and keeps its history across a reopen. */
class SqliteEventLogContractTest extends EventLogContract {

    @Override
    protected EventLog newLog(int retained) {
        return SqliteEventLog.open(tempDir(), retained, Long.MAX_VALUE);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("herald-file-log-");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aReopenedLogHoldsItsEntriesIdsAndTrimWatermarkAndContinuesItsPositions() {
        Path dir = tempDir();
        long head;
        try (SqliteEventLog log = SqliteEventLog.open(dir, 3, Long.MAX_VALUE)) {
            for (String id : new String[] {"a", "b", "c", "d"}) {
                log.append(Update.of("t", "data of " + id).withId(id));
            }
            head = log.headPosition();
        }

        try (SqliteEventLog reopened = SqliteEventLog.open(dir, 3, Long.MAX_VALUE)) {
            assertThat(reopened.headPosition()).isEqualTo(head);
            assertThat(reopened.positionOf("b")).isEqualTo(OptionalLong.of(2));
            assertThat(reopened.positionOf("a")).isEmpty();
            assertThat(reopened.readAfter(0, 10).truncated()).isTrue();
            assertThat(reopened.readAfter(1, 10).entries()).extracting(e -> e.update().data())
                    .containsExactly("data of b", "data of c", "data of d");
            assertThat(reopened.append(Update.of("t", "e").withId("e")).entry().position()).isEqualTo(head + 1);
            assertThat(reopened.append(Update.of("t", "again").withId("c")).duplicate()).isTrue();
        }
    }
}

package dev.herald.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.hub.Update;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MemoryEventLogTest {

    private static Update update(String id) {
        return Update.of("https://example.com/books/1", "payload of " + id).withId(id);
    }

    private static List<Long> positions(ReadResult result) {
        return result.entries().stream().map(LogEntry::position).toList();
    }

    private static List<String> ids(ReadResult result) {
        return result.entries().stream().map(LogEntry::id).toList();
    }

    @Test
    void positionsAreContiguousFromOne() {
        MemoryEventLog log = new MemoryEventLog();
        assertThat(log.headPosition()).isZero();

        assertThat(log.append(update("a")).entry().position()).isEqualTo(1);
        assertThat(log.append(update("b")).entry().position()).isEqualTo(2);
        assertThat(log.append(update("c")).entry().position()).isEqualTo(3);
        assertThat(log.headPosition()).isEqualTo(3);
    }

    @Test
    void anEntryCarriesItsUpdateEncodedAsAnSseEvent() {
        LogEntry entry = new MemoryEventLog().append(Update.of("t", "hello").withId("x1").withType("greeting")).entry();

        assertThat(new String(entry.wire(), StandardCharsets.UTF_8))
                .isEqualTo("event: greeting\nid: x1\ndata: hello\n\n");
        assertThat(entry.id()).isEqualTo("x1");
    }

    @Test
    void keepsAtMostMaxEntriesTrimmingTheOldestFirst() {
        MemoryEventLog log = new MemoryEventLog(3, Long.MAX_VALUE);
        for (String id : List.of("a", "b", "c", "d", "e")) {
            log.append(update(id));
        }

        assertThat(log.size()).isEqualTo(3);
        ReadResult all = log.readAfter(0, 10);
        assertThat(ids(all)).containsExactly("c", "d", "e");
        assertThat(positions(all)).containsExactly(3L, 4L, 5L);
        assertThat(log.headPosition()).isEqualTo(5);
    }

    @Test
    void keepsAtMostMaxBytesTrimmingTheOldestFirst() {
        int entryBytes = new MemoryEventLog().append(update("a")).entry().wire().length;
        MemoryEventLog log = new MemoryEventLog(100, entryBytes * 5L / 2);
        for (String id : List.of("a", "b", "c", "d")) {
            log.append(update(id));
        }

        assertThat(ids(log.readAfter(0, 10))).containsExactly("c", "d");
        assertThat(log.bytes()).isEqualTo(2L * entryBytes);
    }

    @Test
    void trimmingByBytesDropsAsManyOldEntriesAsABigNewOneNeeds() {
        int small = new MemoryEventLog().append(update("a")).entry().wire().length;
        MemoryEventLog log = new MemoryEventLog(100, small * 4L);
        for (String id : List.of("a", "b", "c", "d")) {
            log.append(update(id));
        }
        Update big = Update.of("https://example.com/books/1", "x".repeat(small * 2)).withId("big");
        log.append(big);

        assertThat(ids(log.readAfter(0, 10))).endsWith("big").doesNotContain("a", "b");
        assertThat(log.bytes()).isLessThanOrEqualTo(small * 4L);
    }

    @Test
    void readAfterPagesThroughTheLogInOrder() {
        MemoryEventLog log = new MemoryEventLog();
        for (int i = 1; i <= 10; i++) {
            log.append(update("u" + i));
        }

        assertThat(positions(log.readAfter(0, 4))).containsExactly(1L, 2L, 3L, 4L);
        assertThat(positions(log.readAfter(4, 4))).containsExactly(5L, 6L, 7L, 8L);
        assertThat(positions(log.readAfter(8, 4))).containsExactly(9L, 10L);
        ReadResult end = log.readAfter(10, 4);
        assertThat(end.entries()).isEmpty();
        assertThat(end.truncated()).isFalse();
    }

    @Test
    void readingFromBeforeTheOldestRetainedEntryIsTruncated() {
        MemoryEventLog log = new MemoryEventLog(5, Long.MAX_VALUE);
        for (int i = 1; i <= 8; i++) {
            log.append(update("u" + i));
        }
        // Retained: positions 4..8.

        ReadResult fromStart = log.readAfter(0, 10);
        assertThat(fromStart.truncated()).isTrue();
        assertThat(positions(fromStart)).containsExactly(4L, 5L, 6L, 7L, 8L);
        assertThat(log.readAfter(2, 10).truncated()).isTrue();
        ReadResult fromJustBefore = log.readAfter(3, 2);
        assertThat(fromJustBefore.truncated()).isFalse();
        assertThat(positions(fromJustBefore)).containsExactly(4L, 5L);
        assertThat(log.readAfter(6, 10).truncated()).isFalse();
    }

    @Test
    void aFreshLogReadsEmptyAndNotTruncated() {
        ReadResult result = new MemoryEventLog().readAfter(0, 10);

        assertThat(result.entries()).isEmpty();
        assertThat(result.truncated()).isFalse();
    }

    @Test
    void positionOfFindsRetainedIdsAndForgetsTrimmedOnes() {
        MemoryEventLog log = new MemoryEventLog(2, Long.MAX_VALUE);
        log.append(update("a"));
        log.append(update("b"));
        assertThat(log.positionOf("a")).isEqualTo(OptionalLong.of(1));

        log.append(update("c"));

        assertThat(log.positionOf("a")).isEmpty();
        assertThat(log.positionOf("b")).isEqualTo(OptionalLong.of(2));
        assertThat(log.positionOf("c")).isEqualTo(OptionalLong.of(3));
        assertThat(log.positionOf("never")).isEmpty();
    }

    @Test
    void aRepeatedIdIsAcknowledgedWithTheRetainedEntryAndUsableAgainOnceTrimmed() {
        MemoryEventLog log = new MemoryEventLog(3, Long.MAX_VALUE);
        log.append(update("dup"));
        log.append(update("other"));

        AppendResult repeat = log.append(update("dup"));

        assertThat(repeat.duplicate()).isTrue();
        assertThat(repeat.entry().position()).isEqualTo(1);
        assertThat(log.headPosition()).isEqualTo(2);
        log.append(update("more"));
        log.append(update("last"));
        // "dup" at position 1 is trimmed now, so the id is free again.
        AppendResult reused = log.append(update("dup"));
        assertThat(reused.duplicate()).isFalse();
        assertThat(log.positionOf("dup")).isEqualTo(OptionalLong.of(5));
    }

    @Test
    void appendAfterCloseFailsAsUnavailable() {
        MemoryEventLog log = new MemoryEventLog();
        log.append(update("a"));
        log.close();

        assertThatThrownBy(() -> log.append(update("b")))
                .isInstanceOf(LogUnavailableException.class)
                .hasMessageContaining("closed");
        assertThat(log.headPosition()).isEqualTo(1);
    }

    @Test
    void rejectsBoundsBelowOneWithMessagesNamingThem() {
        assertThatThrownBy(() -> new MemoryEventLog(0, 1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("history size must be >= 1 entry, got 0");
        assertThatThrownBy(() -> new MemoryEventLog(10, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("history bytes must be >= 1, got 0");
        assertThatThrownBy(() -> new MemoryEventLog(-3, 1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got -3");
    }
}

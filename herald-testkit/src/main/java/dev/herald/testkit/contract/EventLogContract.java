package dev.herald.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.hub.Update;
import dev.herald.log.AppendResult;
import dev.herald.log.EventLog;
import dev.herald.log.LogEntry;
import dev.herald.log.LogUnavailableException;
import dev.herald.log.ReadResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link EventLog} promises (see its Javadoc), as tests: an implementation's test
 * extends this class and says how to make an empty log that retains a given number of entries.
 */
public abstract class EventLogContract {

    private final List<EventLog> opened = new ArrayList<>();

    /** A new, empty log that keeps at most {@code retained} entries (trimming the oldest beyond). */
    protected abstract EventLog newLog(int retained);

    /** A log opened through {@link #newLog} and closed after the test. */
    protected final EventLog log(int retained) {
        EventLog log = newLog(retained);
        opened.add(log);
        return log;
    }

    @AfterEach
    void closeLogs() {
        opened.forEach(EventLog::close);
    }

    /** An update to one topic with id {@code id}. */
    protected static Update update(String id) {
        return Update.of("https://example.com/books/1", "payload of " + id).withId(id);
    }

    private static List<String> ids(ReadResult result) {
        return result.entries().stream().map(LogEntry::id).toList();
    }

    private static List<Long> positions(ReadResult result) {
        return result.entries().stream().map(LogEntry::position).toList();
    }

    private static List<Long> appendAll(EventLog log, String... ids) {
        List<Long> positions = new ArrayList<>();
        for (String id : ids) {
            positions.add(log.append(update(id)).entry().position());
        }
        return positions;
    }

    @Test
    void anEmptyLogHasHeadZeroAndReadsNothingUntruncated() {
        EventLog log = log(10);

        assertThat(log.headPosition()).isZero();
        ReadResult read = log.readAfter(0, 10);
        assertThat(read.entries()).isEmpty();
        assertThat(read.truncated()).isFalse();
    }

    @Test
    void positionsArePositiveAndStrictlyIncreasingAndTheHeadIsTheNewest() {
        EventLog log = log(100);

        List<Long> positions = appendAll(log, "a", "b", "c", "d");

        assertThat(positions.get(0)).isPositive();
        assertThat(positions).isSorted().doesNotHaveDuplicates();
        assertThat(log.headPosition()).isEqualTo(positions.get(3));
    }

    @Test
    void anEntryCarriesEveryFieldOfItsUpdateAndItsWireBytes() {
        EventLog log = log(10);
        Update full = new Update(List.of("https://example.com/a", "https://example.com/b"), "line 1\nline 2\r\nü", "x1",
                "greeting", 2500L, true);

        LogEntry appended = log.append(full).entry();
        LogEntry read = log.readAfter(0, 1).entries().get(0);

        assertThat(read.update()).isEqualTo(full);
        assertThat(read.position()).isEqualTo(appended.position());
        assertThat(new String(read.wire(), StandardCharsets.UTF_8))
                .isEqualTo("event: greeting\nid: x1\nretry: 2500\ndata: line 1\ndata: line 2\ndata: ü\n\n");
    }

    @Test
    void anUpdateWithoutDataOrTypeReadsBackTheSame() {
        EventLog log = log(10);
        Update bare = new Update(List.of("t"), null, "bare", null, null, false);

        log.append(bare);

        assertThat(log.readAfter(0, 1).entries().get(0).update()).isEqualTo(bare);
    }

    @Test
    void readAfterPagesThroughTheLogInOrder() {
        EventLog log = log(100);
        List<Long> p = appendAll(log, "u1", "u2", "u3", "u4", "u5", "u6", "u7");

        assertThat(ids(log.readAfter(0, 3))).containsExactly("u1", "u2", "u3");
        assertThat(ids(log.readAfter(p.get(2), 3))).containsExactly("u4", "u5", "u6");
        assertThat(ids(log.readAfter(p.get(5), 3))).containsExactly("u7");
        ReadResult end = log.readAfter(p.get(6), 3);
        assertThat(end.entries()).isEmpty();
        assertThat(end.truncated()).isFalse();
    }

    @Test
    void readingFromAPositionBetweenEntriesStartsAtTheNextOne() {
        EventLog log = log(100);
        List<Long> p = appendAll(log, "a", "b", "c");

        assertThat(positions(log.readAfter(p.get(0), 10))).containsExactly(p.get(1), p.get(2));
        assertThat(ids(log.readAfter(p.get(1) - 1, 10))).startsWith("b");
    }

    @Test
    void keepsTheNewestEntriesAndReportsReadsFromBeforeThemAsTruncated() {
        EventLog log = log(3);
        List<Long> p = appendAll(log, "a", "b", "c", "d", "e");

        ReadResult fromStart = log.readAfter(0, 10);
        assertThat(ids(fromStart)).containsExactly("c", "d", "e");
        assertThat(fromStart.truncated()).isTrue();
        assertThat(log.readAfter(p.get(0), 10).truncated()).isTrue();
        ReadResult fromLastTrimmed = log.readAfter(p.get(1), 10);
        assertThat(fromLastTrimmed.truncated()).isFalse();
        assertThat(ids(fromLastTrimmed)).containsExactly("c", "d", "e");
        assertThat(log.readAfter(p.get(3), 10).truncated()).isFalse();
    }

    @Test
    void positionOfFindsRetainedIdsAndForgetsTrimmedOnes() {
        EventLog log = log(2);
        List<Long> p = appendAll(log, "a", "b");
        assertThat(log.positionOf("a")).isEqualTo(OptionalLong.of(p.get(0)));

        long c = log.append(update("c")).entry().position();

        assertThat(log.positionOf("a")).isEmpty();
        assertThat(log.positionOf("b")).isEqualTo(OptionalLong.of(p.get(1)));
        assertThat(log.positionOf("c")).isEqualTo(OptionalLong.of(c));
        assertThat(log.positionOf("never")).isEmpty();
    }

    @Test
    void aRetainedIdAppendedAgainIsADuplicateOfTheFirstEntryAndAppendsNothing() {
        EventLog log = log(10);
        LogEntry first = log.append(update("order-42")).entry();
        long head = log.headPosition();

        AppendResult again = log.append(Update.of("https://example.com/other", "changed").withId("order-42"));

        assertThat(again.duplicate()).isTrue();
        assertThat(again.entry()).isEqualTo(first);
        assertThat(log.headPosition()).isEqualTo(head);
        assertThat(ids(log.readAfter(0, 10))).containsExactly("order-42");
    }

    @Test
    void anIdIsFreeAgainOnceItsEntryWasTrimmed() {
        EventLog log = log(2);
        appendAll(log, "dup", "b", "c");

        AppendResult reused = log.append(update("dup"));

        assertThat(reused.duplicate()).isFalse();
        assertThat(log.positionOf("dup")).isEqualTo(OptionalLong.of(reused.entry().position()));
        assertThat(ids(log.readAfter(0, 10))).containsExactly("c", "dup");
    }

    @Test
    void appendAfterCloseFailsAsUnavailableAndAppendsNothing() {
        EventLog log = newLog(10);
        log.append(update("a"));
        log.close();

        assertThatThrownBy(() -> log.append(update("b")))
                .isInstanceOf(LogUnavailableException.class)
                .hasMessageContaining("closed");
    }
}

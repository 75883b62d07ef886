package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.broker.LocalBroker;
import dev.herald.log.MemoryEventLog;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplayTest {

    private static final String BOOK = "https://example.com/books/1";
    private static final String AUTHOR = "https://example.com/authors/1";
    private static final SubscribeRequest BOOKS =
            SubscribeRequest.live(List.of(TopicSelector.parse("https://example.com/books/{id}")));

    private final List<Hub> hubs = new ArrayList<>();

    @AfterEach
    void closeHubs() {
        hubs.forEach(Hub::close);
    }

    private Hub hub(MemoryEventLog log, HubOptions options) {
        Hub hub = new Hub(log, new LocalBroker(), options, Runnable::run, System::nanoTime);
        hubs.add(hub);
        return hub;
    }

    private Hub hub() {
        return hub(new MemoryEventLog(), HubOptions.defaults());
    }

    /** Publishes {@code count} updates with ids {@code prefix1, prefix2, ...} and waits until they are dispatched. */
    private static List<String> publishBooks(Hub hub, String prefix, int count) {
        List<String> ids = IntStream.rangeClosed(1, count)
                .mapToObj(i -> hub.publish(Update.of(BOOK, prefix + " " + i).withId(prefix + i)).id())
                .toList();
        awaitDispatched(hub);
        return ids;
    }

    /** Waits until the hub has fanned out everything logged, so that a subscribe now finds it all in history. */
    private static void awaitDispatched(Hub hub) {
        long head = hub.log().headPosition();
        Eventually.until("the hub dispatched up to " + head, () -> hub.lastDispatchedPosition() >= head);
    }

    /** {@code prefix + from} up to {@code prefix + to}. */
    private static List<String> ids(String prefix, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> prefix + i).toList();
    }

    private static RecordingSink subscribe(Hub hub, SubscribeRequest request) {
        RecordingSink sink = new RecordingSink();
        sink.subscribe(hub, request);
        return sink;
    }

    private static void awaitEvents(RecordingSink sink, int count) {
        Eventually.until(Eventually.DEFAULT, () -> sink.events().size() >= count,
                () -> count + " events, got " + sink.events());
    }

    @Test
    void resumingAfterAKnownIdReplaysTheLaterMatchingUpdatesInOrderThenGoesLive() {
        Hub hub = hub();
        hub.publish(Update.of(BOOK, "1").withId("b1"));
        hub.publish(Update.of(BOOK, "2").withId("b2"));
        hub.publish(Update.of(AUTHOR, "not followed").withId("a1"));
        hub.publish(Update.of(BOOK, "3").withId("b3"));
        hub.publish(Update.of(BOOK, "4").withId("b4"));

        RecordingSink sink = subscribe(hub, BOOKS.resumingAfter("b2"));
        hub.publish(Update.of(AUTHOR, "not followed").withId("a2"));
        hub.publish(Update.of(BOOK, "5").withId("b5"));

        awaitEvents(sink, 3);
        assertThat(sink.ids()).containsExactly("b3", "b4", "b5");
        assertThat(sink.subscription().lastEventIdHeader()).isEqualTo("b2");
        assertThat(sink.subscription().missedHistory()).isFalse();
    }

    @Test
    void earliestReplaysAllRetainedHistoryThenGoesLive() {
        Hub hub = hub();
        List<String> history = publishBooks(hub, "h", 3);

        RecordingSink sink = subscribe(hub, BOOKS.resumingAfter(SubscribeRequest.EARLIEST));
        String live = hub.publish(Update.of(BOOK, "live")).id();

        awaitEvents(sink, 4);
        assertThat(sink.ids()).containsExactly(history.get(0), history.get(1), history.get(2), live);
        assertThat(sink.subscription().lastEventIdHeader()).isEqualTo(SubscribeRequest.EARLIEST);
        assertThat(sink.subscription().missedHistory()).isFalse();
    }

    @Test
    void earliestOnATrimmedLogReplaysWhatIsRetainedWithoutAGapNotice() {
        Hub hub = hub(new MemoryEventLog(5, Long.MAX_VALUE), HubOptions.defaults());
        List<String> history = publishBooks(hub, "h", 8);

        RecordingSink sink = subscribe(hub, BOOKS.resumingAfter(SubscribeRequest.EARLIEST));

        awaitEvents(sink, 5);
        // "earliest" asks for what the log holds: nothing was promised before that, so nothing was missed.
        assertThat(sink.events()).noneMatch(event -> event.contains(Subscription.HISTORY_GAP_EVENT));
        assertThat(sink.ids()).containsExactlyElementsOf(history.subList(3, 8));
        assertThat(sink.subscription().missedHistory()).isFalse();
    }

    @Test
    void anUnknownIdGetsAGapNoticeFirstThenAllRetainedHistory() {
        Hub hub = hub();
        List<String> history = publishBooks(hub, "h", 3);

        RecordingSink sink = subscribe(hub, BOOKS.resumingAfter("no-such-id"));

        assertThat(sink.subscription().missedHistory()).isTrue();
        assertThat(sink.subscription().lastEventIdHeader()).isEqualTo(SubscribeRequest.EARLIEST);
        awaitEvents(sink, 4);
        assertThat(sink.events().get(0)).isEqualTo(RecordingSink.gapNotice("no-such-id"));
        assertThat(sink.ids()).containsExactlyElementsOf(history);
    }

    @Test
    void anIdTrimmedFromTheLogCountsAsUnknown() {
        Hub hub = hub(new MemoryEventLog(3, Long.MAX_VALUE), HubOptions.defaults());
        List<String> history = publishBooks(hub, "h", 6);

        RecordingSink sink = subscribe(hub, BOOKS.resumingAfter("h1"));

        awaitEvents(sink, 4);
        assertThat(sink.subscription().missedHistory()).isTrue();
        assertThat(sink.events()).containsExactly(RecordingSink.gapNotice("h1"),
                "id: h4\ndata: h 4", "id: h5\ndata: h 5", "id: h6\ndata: h 6");
        assertThat(sink.ids()).containsExactlyElementsOf(history.subList(3, 6));
    }

    @Test
    void aFreshSubscriberOnAnEmptyHubGetsEarliestAsItsHeader() {
        RecordingSink sink = subscribe(hub(), BOOKS);

        assertThat(sink.subscription().lastEventIdHeader()).isEqualTo(SubscribeRequest.EARLIEST);
        assertThat(sink.subscription().missedHistory()).isFalse();
    }

    @Test
    void aFreshSubscriberLearnsTheIdOfTheLastDispatchedUpdateAndGetsOnlyLaterOnes() {
        Hub hub = hub();
        RecordingSink watcher = subscribe(hub, BOOKS);
        List<String> before = publishBooks(hub, "before", 2);
        awaitEvents(watcher, 2);

        RecordingSink fresh = subscribe(hub, BOOKS);
        String after = hub.publish(Update.of(BOOK, "after")).id();

        assertThat(fresh.subscription().lastEventIdHeader()).isEqualTo(before.get(1));
        awaitEvents(fresh, 1);
        assertThat(fresh.ids()).containsExactly(after);
    }

    @Test
    void aHubOverExistingHistoryGivesFreshSubscribersItsNewestIdAsTheirHeader() {
        MemoryEventLog log = new MemoryEventLog();
        log.append(Update.of(BOOK, "from before the restart").withId("old-1"));
        log.append(Update.of(BOOK, "from before the restart").withId("old-2"));

        RecordingSink fresh = subscribe(hub(log, HubOptions.defaults()), BOOKS);

        assertThat(fresh.subscription().lastEventIdHeader()).isEqualTo("old-2");
    }

    @Test
    void aReplayLargerThanTheOutboundBudgetIsPagedWithoutCuttingTheSubscriber() {
        HubOptions smallBudget = new HubOptions(1024, 4, HubOptions.DEFAULT_MAX_BACKLOG);
        Hub hub = hub(new MemoryEventLog(), smallBudget);
        String payload = "x".repeat(200);
        List<String> history = IntStream.rangeClosed(1, 300)
                .mapToObj(i -> hub.publish(Update.of(BOOK, payload).withId("h" + i)).id())
                .toList();
        awaitDispatched(hub);

        RecordingSink sink = subscribe(hub, BOOKS.resumingAfter(SubscribeRequest.EARLIEST));

        int entryBytes = hub.log().readAfter(0, 1).entries().get(0).wire().length;
        assertThat(sink.drainOnce()).as("the first poll: half the budget, topped up by at most one page")
                .isPositive().isLessThanOrEqualTo(1024 / 2 + 4 * entryBytes);
        // About 70 KB of history into a 1 KB budget: the test polls as a transport would, and gets it all.
        Eventually.until(Eventually.DEFAULT, () -> sink.ids().size() >= 300, () -> sink.ids().size() + " of 300 ids");
        assertThat(sink.ids()).containsExactlyElementsOf(history);
        assertThat(sink.subscription().isClosed()).isFalse();
        assertThat(sink.closes()).isEmpty();

        String live = hub.publish(Update.of(BOOK, "live")).id();
        Eventually.until("the live update after the replay", () -> sink.hasReceived(live));
    }

    @Test
    void historyTrimmedUnderASlowReplayYieldsTheGapNoticeThenTheRest() {
        MemoryEventLog log = new MemoryEventLog(50, Long.MAX_VALUE);
        ManualExecutor replay = new ManualExecutor();
        Hub hub = new Hub(log, new InlineBroker(), new HubOptions(1024, 4, 100), replay, System::nanoTime);
        hubs.add(hub);
        String payload = "x".repeat(100);
        IntStream.rangeClosed(1, 40).forEach(i -> hub.publish(Update.of(BOOK, payload).withId("h" + i)));
        RecordingSink sink = subscribe(hub, BOOKS.resumingAfter("h5"));

        replay.runPending(); // one step: two pages fill half the budget, then it pauses for the transport to read
        IntStream.rangeClosed(1, 40).forEach(i -> hub.publish(Update.of(BOOK, payload).withId("later" + i)));
        // 80 published into a log of 50: h1..h30 are gone, and the replay is still before them.
        Eventually.until(Eventually.DEFAULT, () -> {
            sink.drain();
            replay.runPending();
            return sink.hasReceived("later40");
        }, () -> "the last update, got " + sink.events());

        List<String> events = sink.events();
        int gap = events.indexOf(RecordingSink.gapNotice("h5"));
        assertThat(gap).as("the gap notice in %s", events).isPositive();
        List<String> ids = sink.ids();
        assertThat(ids.subList(0, gap)).containsExactlyElementsOf(ids("h", 6, 5 + gap));
        List<String> retained = new ArrayList<>(ids("h", 31, 40));
        retained.addAll(ids("later", 1, 40));
        assertThat(ids.subList(gap, ids.size())).containsExactlyElementsOf(retained);
        assertThat(sink.subscription().missedHistory()).isTrue();
        assertThat(sink.subscription().isClosed()).isFalse();
    }

    @Test
    void evenForEarliestATrimDuringTheReplayYieldsTheGapNotice() {
        ManualExecutor replay = new ManualExecutor();
        HubOptions smallBudget = new HubOptions(1024, 4, 100);
        Hub hub = new Hub(new MemoryEventLog(20, Long.MAX_VALUE), new InlineBroker(), smallBudget, replay, System::nanoTime);
        hubs.add(hub);
        String payload = "x".repeat(100);
        IntStream.rangeClosed(1, 20).forEach(i -> hub.publish(Update.of(BOOK, payload).withId("h" + i)));
        RecordingSink sink = subscribe(hub, BOOKS.resumingAfter(SubscribeRequest.EARLIEST));

        replay.runPending(); // h1..h8, then a pause for the transport
        IntStream.rangeClosed(1, 20).forEach(i -> hub.publish(Update.of(BOOK, payload).withId("later" + i)));
        Eventually.until(Eventually.DEFAULT, () -> {
            sink.drain();
            replay.runPending();
            return sink.hasReceived("later20");
        }, () -> "the last update, got " + sink.events());

        // What "earliest" meant at subscribe time was h1..h20: h9..h20 were trimmed before the replay reached them.
        List<String> events = sink.events();
        int gap = events.indexOf(RecordingSink.gapNotice(SubscribeRequest.EARLIEST));
        assertThat(gap).as("the gap notice in %s", events).isPositive();
        List<String> ids = sink.ids();
        assertThat(ids.subList(0, gap)).containsExactlyElementsOf(ids("h", 1, gap));
        assertThat(ids.subList(gap, ids.size())).containsExactlyElementsOf(ids("later", 1, 20));
        assertThat(sink.subscription().missedHistory()).isTrue();
    }
}

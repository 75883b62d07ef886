package dev.herald.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.broker.LocalBroker;
import dev.herald.log.LogEntry;
import dev.herald.log.MemoryEventLog;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HubTest {

    private static final String BOOK_1 = "https://example.com/books/1";
    private static final String BOOK_2 = "https://example.com/books/2";
    private static final String AUTHOR_1 = "https://example.com/authors/1";
    private static final String ANY_BOOK = "https://example.com/books/{id}";
    /** Every subscriber here also follows this, so an update to it marks the end of what it should get. */
    private static final String END = "urn:test:end";

    private final Hub hub = new Hub(new MemoryEventLog(), new LocalBroker());

    @AfterEach
    void closeHub() {
        hub.close();
    }

    private static List<TopicSelector> selectors(String... texts) {
        return Arrays.stream(texts).map(TopicSelector::parse).toList();
    }

    private static SubscribeRequest following(String... selectors) {
        return SubscribeRequest.live(selectors(selectors));
    }

    private RecordingSink subscribe(SubscribeRequest request) {
        RecordingSink sink = new RecordingSink();
        sink.subscribe(hub, request);
        return sink;
    }

    private String publishEnd() {
        return hub.publish(Update.of(END, "end").withId("end")).id();
    }

    private static void awaitAll(String id, RecordingSink... sinks) {
        for (RecordingSink sink : sinks) {
            Eventually.until(Eventually.DEFAULT, () -> sink.hasReceived(id), () -> "'" + id + "' in " + sink.ids());
        }
    }

    @Test
    void publishGeneratesUrnUuidIdsForUpdatesWithoutOne() {
        LogEntry first = hub.publish(Update.of(BOOK_1, "a"));
        LogEntry second = hub.publish(Update.of(BOOK_1, "b"));

        String uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
        assertThat(first.id()).matches("urn:uuid:" + uuid);
        assertThat(second.id()).matches("urn:uuid:" + uuid).isNotEqualTo(first.id());
        assertThat(second.position()).isGreaterThan(first.position());
    }

    @Test
    void publishKeepsTheIdThePublisherGave() {
        RecordingSink sink = subscribe(following(BOOK_1));

        LogEntry entry = hub.publish(Update.of(BOOK_1, "a").withId("order-42"));

        assertThat(entry.id()).isEqualTo("order-42");
        awaitAll("order-42", sink);
        assertThat(sink.events()).containsExactly("id: order-42\ndata: a");
    }

    @Test
    void aRepublishedIdIsAcknowledgedWithTheFirstEntryAndNotDeliveredAgain() {
        RecordingSink sink = subscribe(following(BOOK_1, END));
        LogEntry first = hub.publish(Update.of(BOOK_1, "a").withId("order-42"));

        LogEntry retry = hub.publish(Update.of(BOOK_1, "a, retried after a timeout").withId("order-42"));
        publishEnd();

        assertThat(retry).isEqualTo(first);
        awaitAll("end", sink);
        assertThat(sink.ids()).containsExactly("order-42", "end");
    }

    @Test
    void everyMatchingSubscriberGetsAnUpdateOnceWhateverKindOfSelectorMatches() {
        RecordingSink exact = subscribe(following(BOOK_1, END));
        RecordingSink template = subscribe(following(ANY_BOOK, END));
        RecordingSink wildcard = subscribe(following("*"));
        RecordingSink allThree = subscribe(following(BOOK_1, ANY_BOOK, "*"));
        RecordingSink other = subscribe(following(AUTHOR_1, END));

        String book = hub.publish(Update.of(BOOK_1, "b")).id();
        String end = publishEnd();

        awaitAll(end, exact, template, wildcard, allThree, other);
        assertThat(exact.ids()).containsExactly(book, end);
        assertThat(template.ids()).containsExactly(book, end);
        assertThat(wildcard.ids()).containsExactly(book, end);
        assertThat(allThree.ids()).containsExactly(book, end);
        assertThat(other.ids()).containsExactly(end);
    }

    @Test
    void anUpdateToSeveralFollowedTopicsArrivesOnce() {
        RecordingSink both = subscribe(following(BOOK_1, BOOK_2, END));

        String id = hub.publish(new Update(List.of(BOOK_1, BOOK_2), "two", null, null, null, false)).id();
        String end = publishEnd();

        awaitAll(end, both);
        assertThat(both.ids()).containsExactly(id, end);
    }

    @Test
    void privateUpdatesReachOnlySubscribersAuthorizedForOneOfTheirTopics() {
        RecordingSink unauthorized = subscribe(following(ANY_BOOK, END));
        RecordingSink authorizedExactly = subscribe(following(ANY_BOOK, END).authorizedFor(selectors(BOOK_1)));
        RecordingSink authorizedForAll = subscribe(following(ANY_BOOK, END).authorizedFor(selectors("*")));
        RecordingSink authorizedElsewhere = subscribe(following(ANY_BOOK, END).authorizedFor(selectors(BOOK_2)));
        RecordingSink authorizedButNotFollowing = subscribe(following(AUTHOR_1, END).authorizedFor(selectors("*")));

        String secret = hub.publish(Update.of(BOOK_1, "secret").asPrivate()).id();
        String end = publishEnd();

        awaitAll(end, unauthorized, authorizedExactly, authorizedForAll, authorizedElsewhere,
                authorizedButNotFollowing);
        assertThat(authorizedExactly.ids()).containsExactly(secret, end);
        assertThat(authorizedForAll.ids()).containsExactly(secret, end);
        assertThat(unauthorized.ids()).containsExactly(end);
        assertThat(authorizedElsewhere.ids()).containsExactly(end);
        assertThat(authorizedButNotFollowing.ids()).containsExactly(end);
    }

    @Test
    void anUpdateIsEncodedOnceAndItsBytesSharedByEverySubscriber() {
        RecordingSink first = subscribe(following(BOOK_1));
        RecordingSink second = subscribe(following(ANY_BOOK));

        LogEntry entry = hub.publish(Update.of(BOOK_1, "shared"));
        Eventually.until("both subscribers signalled", () -> first.readySignals() > 0 && second.readySignals() > 0);

        // With exactly one event waiting, a poll hands out the queued array itself.
        byte[] toFirst = first.poll();
        byte[] toSecond = second.poll();
        assertThat(toFirst).isSameAs(toSecond).isSameAs(entry.wire());

        RecordingSink replayed = subscribe(following(BOOK_1).resumingAfter(SubscribeRequest.EARLIEST));
        assertThat(replayed.poll()).as("replayed from the log").isSameAs(entry.wire());
    }

    @Test
    void cancellingStopsDeliveryAndRemovesTheSubscriber() {
        RecordingSink staying = subscribe(following(BOOK_1));
        RecordingSink leaving = subscribe(following(BOOK_1));
        assertThat(hub.subscriberCount()).isEqualTo(2);

        leaving.subscription().cancel();

        assertThat(hub.subscriberCount()).isEqualTo(1);
        assertThat(hub.subscriberCount(BOOK_1)).isEqualTo(1);
        assertThat(leaving.subscription().isClosed()).isTrue();
        assertThat(leaving.subscription().closeReason()).isEqualTo(CloseReason.CLIENT_GONE);
        String id = hub.publish(Update.of(BOOK_1, "after")).id();
        awaitAll(id, staying);
        assertThat(leaving.ids()).isEmpty();
        assertThat(leaving.closes()).as("the transport cancelled, so it needs no notice").isEmpty();
        leaving.subscription().cancel();
        assertThat(hub.subscriberCount()).isEqualTo(1);
    }

    @Test
    void subscriberCountForATopicCountsEachMatchingSubscriberOnce() {
        subscribe(following(BOOK_1));
        subscribe(following(ANY_BOOK));
        subscribe(following("*"));
        subscribe(following(AUTHOR_1));
        subscribe(following(BOOK_1, ANY_BOOK));

        assertThat(hub.subscriberCount()).isEqualTo(5);
        assertThat(hub.subscriberCount(BOOK_1)).isEqualTo(4);
        assertThat(hub.subscriberCount(BOOK_2)).isEqualTo(3);
        assertThat(hub.subscriberCount(AUTHOR_1)).isEqualTo(2);
        assertThat(hub.subscriberCount("urn:nobody:follows")).isEqualTo(1);
    }

    @Test
    void publishIsRefusedWhileFanOutIsTooFarBehind() throws InterruptedException {
        BlockingSink blocking = new BlockingSink(new CountDownLatch(1), new CountDownLatch(1));
        HubOptions backlogOfTwo = new HubOptions(4096, 16, 2);
        try (Hub slow = new Hub(new MemoryEventLog(), new LocalBroker(), backlogOfTwo, Runnable::run, System::nanoTime)) {
            slow.subscribe(following(BOOK_1), blocking);
            // The fan-out of the first runs on its publisher's thread, which the sink then holds.
            Thread first = new Thread(() -> slow.publish(Update.of(BOOK_1, "holds the delivery")), "first-publisher");
            first.start();
            Eventually.until("the delivery held by the sink", () -> blocking.entered().getCount() == 0);
            slow.publish(Update.of(BOOK_1, "waits"));
            slow.publish(Update.of(BOOK_1, "waits too"));

            assertThatThrownBy(() -> slow.publish(Update.of(BOOK_1, "one too many")))
                    .isInstanceOf(HubOverloadedException.class)
                    .hasMessageContaining("2 updates are waiting");
            blocking.release().countDown();
            first.join(10_000);
        }
    }

    @Test
    void closingForShutdownTellsEverySinkOnceAndKeepsTheirQueuedBytes() {
        RecordingSink first = subscribe(following(BOOK_1));
        RecordingSink second = subscribe(following("*"));
        String id = hub.publish(Update.of(BOOK_1, "last words")).id();
        Eventually.until("both subscribers signalled", () -> first.readySignals() > 0 && second.readySignals() > 0);

        hub.close(CloseReason.SHUTDOWN);
        hub.close(CloseReason.SHUTDOWN);

        for (RecordingSink sink : List.of(first, second)) {
            assertThat(sink.closes()).containsExactly(CloseReason.SHUTDOWN);
            assertThat(sink.subscription().closeReason()).isEqualTo(CloseReason.SHUTDOWN);
            assertThat(sink.ids()).as("bytes queued before shutdown are still pollable").containsExactly(id);
        }
        assertThat(hub.subscriberCount()).isZero();
    }

    @Test
    void publishAndSubscribeAfterCloseAreRefused() {
        hub.close(CloseReason.SHUTDOWN);

        assertThatThrownBy(() -> hub.publish(Update.of(BOOK_1, "late")))
                .isInstanceOf(HubClosedException.class)
                .hasMessageContaining("shutting down");
        assertThatThrownBy(() -> hub.subscribe(following(BOOK_1), new RecordingSink()))
                .isInstanceOf(HubClosedException.class)
                .hasMessageContaining("shutting down");
    }

    /** A misbehaving sink that holds the dispatcher on its first signal, to back fan-out up. */
    private record BlockingSink(CountDownLatch entered, CountDownLatch release) implements SubscriptionSink {
        @Override
        public void onReady() {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onClosed(CloseReason reason) {
        }
    }
}

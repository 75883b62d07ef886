package dev.herald.hub.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** What one take hands out, the events joined by '|' so the test sees where one ends; null when none waited. */
    private static String take(Outbox outbox, int maxBytes) {
        List<byte[]> events = new ArrayList<>();
        int taken = outbox.take(maxBytes, events);
        assertThat(events).hasSize(taken);
        return taken == 0 ? null : events.stream().map(e -> new String(e, StandardCharsets.UTF_8)).collect(Collectors.joining("|"));
    }

    @Test
    void aKeyedEventSupersedesTheUnsentOneOfItsKeyAndGoesToTheBack() {
        Outbox outbox = new Outbox();
        outbox.add(bytes("a1 "), "a");
        outbox.add(bytes("x "), null);
        outbox.add(bytes("a2 "), "a");

        assertThat(outbox.bytes()).isEqualTo(5);
        assertThat(take(outbox, 1024)).isEqualTo("x |a2 ");
        assertThat(outbox.isEmpty()).isTrue();
        assertThat(take(outbox, 1024)).isNull();
    }

    @Test
    void anEventAlreadyTakenIsNotSuperseded() {
        Outbox outbox = new Outbox();
        outbox.add(bytes("a1 "), "a");
        assertThat(take(outbox, 1024)).isEqualTo("a1 ");

        outbox.add(bytes("a2 "), "a");
        outbox.add(bytes("b1 "), "b");

        assertThat(take(outbox, 1024)).isEqualTo("a2 |b1 ");
    }

    @Test
    void manySupersededEventsAreSweptOutKeepingOrderAndCount() {
        Outbox outbox = new Outbox();
        outbox.add(bytes("first "), null);
        for (int i = 0; i < 10_000; i++) {
            outbox.add(bytes("a" + (i % 10) + " "), "a");
            outbox.add(bytes("b" + (i % 10) + " "), "b");
        }
        outbox.add(bytes("last "), null);

        assertThat(outbox.bytesAfterAdding(bytes("a0 "), "a")).isEqualTo(outbox.bytes());
        assertThat(take(outbox, 1024)).isEqualTo("first |a9 |b9 |last ");
        assertThat(outbox.bytes()).isZero();
    }

    @Test
    void takeStopsNearTheLimitButAlwaysTakesOneWholeEvent() {
        Outbox outbox = new Outbox();
        outbox.add(bytes("0123456789"), null);
        outbox.add(bytes("abc"), null);
        outbox.add(bytes("def"), null);

        assertThat(take(outbox, 4)).isEqualTo("0123456789");
        assertThat(take(outbox, 4)).isEqualTo("abc");
        assertThat(take(outbox, 4)).isEqualTo("def");
    }

    @Test
    void takeHandsOutTheArraysAddedNotCopies() {
        Outbox outbox = new Outbox();
        byte[] first = bytes("one ");
        byte[] second = bytes("two ");
        outbox.add(first, null);
        outbox.add(second, "k");

        List<byte[]> events = new ArrayList<>();
        assertThat(outbox.take(1024, events)).isEqualTo(2);
        assertThat(events.get(0)).isSameAs(first);
        assertThat(events.get(1)).isSameAs(second);
        assertThat(outbox.take(1024, events)).isZero();
        assertThat(events).hasSize(2);
    }
}

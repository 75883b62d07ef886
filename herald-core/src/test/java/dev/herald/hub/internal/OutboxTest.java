package dev.herald.hub.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void aKeyedEventSupersedesTheUnsentOneOfItsKeyAndGoesToTheBack() {
        Outbox outbox = new Outbox();
        outbox.add(bytes("a1 "), "a");
        outbox.add(bytes("x "), null);
        outbox.add(bytes("a2 "), "a");

        assertThat(outbox.bytes()).isEqualTo(5);
        assertThat(text(outbox.take(1024))).isEqualTo("x a2 ");
        assertThat(outbox.isEmpty()).isTrue();
        assertThat(outbox.take(1024)).isNull();
    }

    @Test
    void anEventAlreadyTakenIsNotSuperseded() {
        Outbox outbox = new Outbox();
        outbox.add(bytes("a1 "), "a");
        assertThat(text(outbox.take(1024))).isEqualTo("a1 ");

        outbox.add(bytes("a2 "), "a");
        outbox.add(bytes("b1 "), "b");

        assertThat(text(outbox.take(1024))).isEqualTo("a2 b1 ");
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
        assertThat(text(outbox.take(1024))).isEqualTo("first a9 b9 last ");
        assertThat(outbox.bytes()).isZero();
    }

    @Test
    void takeStopsNearTheLimitButAlwaysTakesOneWholeEvent() {
        Outbox outbox = new Outbox();
        outbox.add(bytes("0123456789"), null);
        outbox.add(bytes("abc"), null);
        outbox.add(bytes("def"), null);

        assertThat(text(outbox.take(4))).isEqualTo("0123456789");
        assertThat(text(outbox.take(4))).isEqualTo("abc");
        assertThat(text(outbox.take(4))).isEqualTo("def");
    }
}

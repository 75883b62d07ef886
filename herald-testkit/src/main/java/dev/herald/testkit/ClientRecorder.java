package dev.herald.testkit;

import dev.herald.sse.MessageEvent;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Records every callback a client makes (events, opens, errors, closes: any object) into a queue, so a
 * test asserts them one by one, in order, each with a deadline, and ends by checking that nothing
 * unexpected is left.
 *
 * <p>{@link #record} may be called from any thread; the {@code expect…} methods belong to the test thread.
 */
public final class ClientRecorder {

    /** How long an {@code expect} waits unless told otherwise; generous, since only a failing test waits it out. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();

    /** Records {@code signal}; callable from any thread. */
    public void record(Object signal) {
        signals.add(Objects.requireNonNull(signal, "signal"));
    }

    /** A callback that records what it is given, to pass where a client wants a {@code Consumer}. */
    public <T> Consumer<T> recorder() {
        return this::record;
    }

    /** The next signal, which must be a {@code type}, waiting up to {@link #DEFAULT_TIMEOUT}. */
    public <T> T expect(Class<T> type) throws InterruptedException {
        return expect(type, DEFAULT_TIMEOUT);
    }

    /** The next signal, which must be a {@code type}, waiting up to {@code timeout}; fails the test otherwise. */
    public <T> T expect(Class<T> type, Duration timeout) throws InterruptedException {
        Object signal = signals.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (signal == null) {
            throw new AssertionError("expected a " + type.getSimpleName() + " within " + timeout + ", got nothing");
        }
        if (!type.isInstance(signal)) {
            throw new AssertionError("expected a " + type.getSimpleName() + ", got " + signal);
        }
        return type.cast(signal);
    }

    /** The next signal, which must be an event of {@code type} carrying {@code data}. */
    public MessageEvent expectEvent(String type, String data) throws InterruptedException {
        MessageEvent event = expect(MessageEvent.class);
        if (!event.type().equals(type) || !event.data().equals(data)) {
            throw new AssertionError("expected event type=" + type + " data=" + quote(data) + ", got type="
                    + event.type() + " data=" + quote(event.data()));
        }
        return event;
    }

    /** The next signal, which must be a {@code message} event carrying {@code data}. */
    public MessageEvent expectMessage(String data) throws InterruptedException {
        return expectEvent("message", data);
    }

    /** Fails the test if any signal arrives within {@code quiet}: for "this must not happen" checks. */
    public void expectNothingWithin(Duration quiet) throws InterruptedException {
        Object signal = signals.poll(quiet.toNanos(), TimeUnit.NANOSECONDS);
        if (signal != null) {
            throw new AssertionError("expected nothing more, got " + signal);
        }
    }

    /** Fails the test if any recorded signal has not been expected yet; call at the end of a test. */
    public void assertExhausted() {
        if (!signals.isEmpty()) {
            throw new AssertionError("unexpected signals left: " + signals);
        }
    }

    private static String quote(String s) {
        return s == null ? "null" : '"' + s.replace("\r", "\\r").replace("\n", "\\n") + '"';
    }
}

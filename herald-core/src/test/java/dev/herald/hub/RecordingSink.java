package dev.herald.hub;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transport stand-in: records the hub's signals and, when the test asks, drains the subscription into a
 * byte buffer the way a connection writes it, then reads the buffer back as SSE events.
 *
 * <p>It never polls from inside {@link #onReady}, as a real transport schedules its writes on its own thread.
 */
final class RecordingSink implements SubscriptionSink {

    private static final int POLL_BYTES = 64 * 1024;

    private final AtomicInteger readySignals = new AtomicInteger();
    private final List<CloseReason> closes = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private volatile Subscription subscription;

    /** Subscribes this sink to {@code hub} as {@code request} asks and keeps the subscription. */
    Subscription subscribe(Hub hub, SubscribeRequest request) {
        subscription = hub.subscribe(request, this);
        return subscription;
    }

    Subscription subscription() {
        return subscription;
    }

    @Override
    public void onReady() {
        readySignals.incrementAndGet();
    }

    @Override
    public void onClosed(CloseReason reason) {
        closes.add(reason);
    }

    /** How many times the hub said bytes were waiting. */
    int readySignals() {
        return readySignals.get();
    }

    /** The reasons the hub closed this sink with, in order; a correct hub says it once at most. */
    List<CloseReason> closes() {
        return List.copyOf(closes);
    }

    /** Takes every waiting byte into the buffer, as a transport whose socket keeps up would. */
    synchronized void drain() {
        for (byte[] bytes = poll(); bytes != null; bytes = poll()) {
            received.writeBytes(bytes);
        }
    }

    /** One poll into the buffer; returns how many bytes it took. */
    synchronized int drainOnce() {
        byte[] bytes = poll();
        if (bytes == null) {
            return 0;
        }
        received.writeBytes(bytes);
        return bytes.length;
    }

    /**
     * One poll: a single waiting event straight through (for tests about the arrays themselves), several joined;
     * null when nothing waits.
     */
    byte[] poll() {
        Subscription sub = subscription;
        List<byte[]> events = new ArrayList<>();
        if (sub == null || sub.poll(POLL_BYTES, events) == 0) {
            return null;
        }
        if (events.size() == 1) {
            return events.get(0);
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        events.forEach(joined::writeBytes);
        return joined.toByteArray();
    }

    /** Drains, then the events received so far, each as its text without the blank line that ends it. */
    synchronized List<String> events() {
        drain();
        String text = received.toString(StandardCharsets.UTF_8);
        List<String> events = new ArrayList<>();
        for (String event : text.split("\n\n")) {
            if (!event.isEmpty()) {
                events.add(event);
            }
        }
        return events;
    }

    /** Drains, then the {@code id} of every event received so far, in order. */
    List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (String event : events()) {
            idOf(event).ifPresent(ids::add);
        }
        return ids;
    }

    /** Drains, then whether {@code id} has arrived. */
    boolean hasReceived(String id) {
        return ids().contains(id);
    }

    /** The {@code id} field of one event's text. */
    static Optional<String> idOf(String event) {
        for (String line : event.split("\n")) {
            if (line.startsWith("id: ")) {
                return Optional.of(line.substring(4));
            }
        }
        return Optional.empty();
    }

    /** The text of the notice the hub sends when history after {@code requestedId} is gone. */
    static String gapNotice(String requestedId) {
        return "event: " + Subscription.HISTORY_GAP_EVENT + "\ndata: " + requestedId;
    }
}

package dev.herald.hub;

import dev.herald.hub.internal.Outbox;
import dev.herald.log.LogEntry;
import dev.herald.log.LogUnavailableException;
import dev.herald.log.ReadResult;
import dev.herald.sse.SseEncoder;
import dev.herald.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * One subscriber's place in the hub: what it follows, its outbox of encoded bytes, and its catch-up from
 * history to live.
 *
 * <h2>The catch-up race it closes</h2>
 * A resuming subscriber must see the updates after its {@code Last-Event-ID} exactly once, in order, even
 * while publishes race its subscribe. The hub therefore registers it for live updates first and notes the
 * last position dispatched at that instant (the <em>target</em>), under the same lock the dispatcher takes
 * per update. Live updates arriving meanwhile wait in a side buffer; history is read from the log in
 * pages up to the target; then the side buffer is released, skipping what history already covered. If the
 * side buffer outgrows the outbound budget it is dropped and the target moved forward: the log still holds
 * those updates, so nothing is lost, only re-read.
 *
 * <h2>Conflation</h2>
 * Updates on topics the hub's options {@linkplain HubOptions#conflatedTopics() conflate} carry a key (topic and
 * type); one queued here while an unsent one of the same key waits replaces it (see {@link Outbox}), so a
 * subscriber that cannot keep up gets the latest update per key, still in log order, instead of a backlog.
 *
 * <h2>Threads</h2>
 * The broker's delivering thread (one at a time) calls {@code offerLive}; the transport's thread calls {@link #poll}; replay steps run
 * on the hub's replay executor. The monitor of this object guards all mutable state and is never held
 * while calling the sink or reading the log.
 */
public final class Subscription {

    private static final byte[] HEARTBEAT = SseEncoder.encode(SseEvent.comment(""));

    /** The event type of the in-band notice that history after the requested id is not available. */
    public static final String HISTORY_GAP_EVENT = "herald-history-gap";

    private enum State { CATCHING_UP, LIVE, CLOSED }

    private final Hub hub;
    private final SubscribeRequest request;
    private final SubscriptionSink sink;
    private final long budget;

    private final Outbox outbox = new Outbox();
    private State state = State.CATCHING_UP;
    private CloseReason closeReason;

    private long cursor;
    private long target;
    private final List<LogEntry> sideBuffer = new ArrayList<>();
    private long sideBytes;
    private boolean sideOverflowed;
    private boolean replayScheduled;
    private boolean pendingSignal;

    private volatile long lastActivityNanos;
    private String lastEventIdHeader;
    private boolean missedHistory;

    /** Touched only under the hub's registry lock, by the delivering thread: the position last matched, so an update matching several selectors is sent once. */
    long lastMatchedPosition;

    Subscription(Hub hub, SubscribeRequest request, SubscriptionSink sink, long budget, long nowNanos) {
        this.hub = hub;
        this.request = request;
        this.sink = sink;
        this.budget = budget;
        this.lastActivityNanos = nowNanos;
    }

    /** What this subscriber asked for. */
    public SubscribeRequest request() {
        return request;
    }

    /**
     * The id preceding the first update this subscription sends ({@code earliest} when that is the start
     * of history), for the Mercure {@code Last-Event-ID} response header.
     */
    public synchronized String lastEventIdHeader() {
        return lastEventIdHeader;
    }

    /** True when the requested {@code Last-Event-ID} was not in the retained history, so updates may have been missed. */
    public synchronized boolean missedHistory() {
        return missedHistory;
    }

    /** True once the subscription ended. */
    public synchronized boolean isClosed() {
        return state == State.CLOSED;
    }

    /** Why the subscription ended, or null while it is open. */
    public synchronized CloseReason closeReason() {
        return closeReason;
    }

    /**
     * Moves the waiting events, in order, into {@code into}, up to about {@code maxBytes} (at least one whole
     * event), and returns how many; 0 when none wait. The arrays are shared, not copied: every subscriber of a
     * broadcast gets the same one, so a transport can frame it once. Called by the transport when it can write;
     * counts as activity for heartbeats.
     */
    public int poll(int maxBytes, List<byte[]> into) {
        int taken;
        boolean wantReplay;
        synchronized (this) {
            taken = outbox.take(maxBytes, into);
            if (taken > 0) {
                lastActivityNanos = hub.nanoTime();
            }
            wantReplay = shouldScheduleReplay();
        }
        if (wantReplay) {
            hub.replayExecutor().execute(this::replay);
        }
        return taken;
    }

    /**
     * Ends the subscription for {@code reason} (for example {@link CloseReason#UNAUTHORIZED} when the
     * subscriber's token expired) and tells the sink, which writes what is queued, then ends; idempotent.
     */
    public void close(CloseReason reason) {
        close(reason, true);
    }

    /** Ends the subscription because the client went away; idempotent. */
    public void cancel() {
        close(CloseReason.CLIENT_GONE, false);
    }

    // ---- called by the hub ----

    void start(long resumeAfter, long dispatchedTarget, String header, boolean missed) {
        boolean kick;
        synchronized (this) {
            cursor = resumeAfter;
            target = dispatchedTarget;
            lastEventIdHeader = header;
            missedHistory = missed;
            if (missed) {
                enqueue(SseEncoder.encode(SseEvent.of(HISTORY_GAP_EVENT, request.lastEventId())), null, false);
            }
            kick = shouldScheduleReplay();
        }
        flushSignals();
        if (kick) {
            hub.replayExecutor().execute(this::replay);
        }
    }

    /**
     * Offers a dispatched entry; {@code conflationKey} is the hub's {@link Hub#conflationKey(Update)} of it.
     * Returns true when its bytes were queued now (not buffered, skipped or refused).
     */
    boolean offerLive(LogEntry entry, String conflationKey) {
        // The hot path of fan-out: one monitor entry per event and subscriber, the signal decided under it.
        boolean queued = false;
        boolean signal;
        CloseReason closedFor;
        synchronized (this) {
            if (state == State.LIVE) {
                if (entry.position() > cursor) {
                    cursor = entry.position();
                    queued = enqueue(entry.wire(), conflationKey, true);
                }
            } else if (state == State.CATCHING_UP && !sideOverflowed) {
                sideBytes += entry.wire().length;
                if (sideBytes > budget) {
                    sideOverflowed = true;
                    sideBuffer.clear();
                    sideBytes = 0;
                } else {
                    sideBuffer.add(entry);
                }
            }
            signal = pendingSignal;
            pendingSignal = false;
            closedFor = state == State.CLOSED ? closeReason : null;
        }
        signal(signal, closedFor);
        return queued;
    }

    /** Queues a heartbeat if idle for {@code intervalNanos} with nothing waiting; returns whether it did. */
    boolean offerHeartbeat(long nowNanos, long intervalNanos) {
        synchronized (this) {
            if (state == State.CLOSED || !outbox.isEmpty() || nowNanos - lastActivityNanos < intervalNanos) {
                return false;
            }
            lastActivityNanos = nowNanos;
            enqueue(HEARTBEAT, null, false);
        }
        flushSignals();
        return true;
    }

    void close(CloseReason reason, boolean notifySink) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            closeReason = reason;
            sideBuffer.clear();
            if (reason == CloseReason.CLIENT_GONE || reason == CloseReason.SLOW_CONSUMER) {
                outbox.clear();
            }
        }
        hub.unregister(this);
        if (notifySink) {
            sink.onClosed(reason);
        }
    }

    boolean acceptsPrivate(Update update) {
        for (TopicSelector selector : request.privateSelectors()) {
            for (String topic : update.topics()) {
                if (selector.matches(topic)) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean follows(Update update) {
        for (TopicSelector selector : request.selectors()) {
            for (String topic : update.topics()) {
                if (selector.matches(topic)) {
                    return update.privateUpdate() ? acceptsPrivate(update) : true;
                }
            }
        }
        return false;
    }

    // ---- internals ----

    private void replay() {
        while (true) {
            long from;
            long until;
            synchronized (this) {
                if (state != State.CATCHING_UP || outbox.bytes() >= budget / 2) {
                    replayScheduled = false;
                    break;
                }
                from = cursor;
                until = target;
            }
            if (from >= until) {
                if (finishCatchUp()) {
                    break;
                }
                continue;
            }
            ReadResult page;
            try {
                page = hub.log().readAfter(from, hub.options().replayPageSize());
            } catch (LogUnavailableException e) {
                // Nothing of the history can be sent now; ending the stream lets the client resume later,
                // from its last id, instead of hanging half caught-up.
                close(CloseReason.LOG_UNAVAILABLE, true);
                return;
            }
            int queued;
            boolean gap;
            synchronized (this) {
                if (state != State.CATCHING_UP) {
                    replayScheduled = false;
                    break;
                }
                boolean missedBefore = missedHistory;
                queued = applyPage(page, until);
                gap = missedHistory && !missedBefore;
            }
            if (gap) {
                hub.listener().historyGap();
            }
            if (queued > 0) {
                hub.listener().replayed(queued);
            }
        }
        flushSignals();
    }

    /** Queues the page's entries this subscriber follows, up to {@code until}; returns how many. */
    private int applyPage(ReadResult page, long until) {
        int queued = 0;
        if (page.truncated() && !missedHistory) {
            missedHistory = true;
            enqueue(SseEncoder.encode(SseEvent.of(HISTORY_GAP_EVENT, String.valueOf(request.lastEventId()))), null, false);
        }
        for (LogEntry entry : page.entries()) {
            if (entry.position() > until) {
                break;
            }
            if (follows(entry.update())) {
                enqueue(entry.wire(), hub.conflationKey(entry.update()), false);
                queued++;
            }
            cursor = entry.position();
        }
        if (page.entries().isEmpty() || page.entries().get(page.entries().size() - 1).position() >= until) {
            cursor = Math.max(cursor, until);
        }
        return queued;
    }

    /** Releases the side buffer and goes live; returns false when the buffer overflowed and replay must go on. */
    private boolean finishCatchUp() {
        int released = 0;
        synchronized (this) {
            if (state != State.CATCHING_UP) {
                replayScheduled = false;
                return true;
            }
            if (!sideOverflowed) {
                for (LogEntry entry : sideBuffer) {
                    if (entry.position() > cursor) {
                        cursor = entry.position();
                        enqueue(entry.wire(), hub.conflationKey(entry.update()), false);
                        released++;
                    }
                }
                sideBuffer.clear();
                sideBytes = 0;
                state = State.LIVE;
                replayScheduled = false;
            }
        }
        if (released > 0) {
            hub.listener().bufferedDelivered(released);
        }
        synchronized (this) {
            if (state != State.CATCHING_UP) {
                return true;
            }
            sideOverflowed = false;
        }
        // The dispatcher set this position before offering anything after it, and offers after our reset land
        // in the (now empty) side buffer, so replaying up to it leaves no gap.
        long newTarget = hub.lastDispatchedPosition();
        synchronized (this) {
            target = Math.max(target, newTarget);
        }
        return false;
    }

    private boolean shouldScheduleReplay() {
        if (state != State.CATCHING_UP || replayScheduled || outbox.bytes() >= budget / 2) {
            return false;
        }
        replayScheduled = true;
        return true;
    }

    /**
     * Queues {@code bytes}, superseding the unsent bytes of the same {@code conflationKey} when it is not null;
     * returns false when the budget ran out instead and the subscription is now cut.
     */
    private boolean enqueue(byte[] bytes, String conflationKey, boolean enforceBudget) {
        if (enforceBudget && outbox.bytesAfterAdding(bytes, conflationKey) > budget) {
            state = State.CLOSED;
            closeReason = CloseReason.SLOW_CONSUMER;
            outbox.clear();
            pendingSignal = true;
            return false;
        }
        if (outbox.isEmpty()) {
            pendingSignal = true;
        }
        outbox.add(bytes, conflationKey);
        return true;
    }

    /** Calls the sink for whatever happened under the lock, now that the lock is released. */
    private void flushSignals() {
        boolean signal;
        CloseReason closedFor;
        synchronized (this) {
            signal = pendingSignal;
            pendingSignal = false;
            closedFor = state == State.CLOSED ? closeReason : null;
        }
        signal(signal, closedFor);
    }

    private void signal(boolean signal, CloseReason closedFor) {
        if (closedFor == CloseReason.SLOW_CONSUMER && signal) {
            hub.unregister(this);
            sink.onClosed(closedFor);
        } else if (signal) {
            sink.onReady();
        }
    }

    long lastActivityNanos() {
        return lastActivityNanos;
    }
}

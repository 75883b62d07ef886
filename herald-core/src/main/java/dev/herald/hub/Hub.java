package dev.herald.hub;

import dev.herald.broker.Broker;
import dev.herald.hub.internal.SubscriberIndex;
import dev.herald.log.AppendResult;
import dev.herald.log.EventLog;
import dev.herald.log.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * The hub: publishes updates through the log and the broker, and fans each one out, encoded once, to
 * every local subscription that follows one of its topics.
 *
 * <p>Thread-safe. With a hand-off broker, publishing appends and hands over under one lock, so the broker
 * sees log order; with a broker that {@linkplain Broker#tailsLog() tails the log}, the log's own order is the
 * delivery order and the append (network I/O) runs without any hub lock. Fan-out runs on whichever thread the
 * broker delivers on (one at a time: with {@link dev.herald.broker.LocalBroker}, often the publisher's); matching
 * happens under the registry lock, which
 * subscribe also takes to register and note its starting point (see {@link Subscription} for the race
 * this closes), and writes to subscriptions happen outside it.
 */
public final class Hub implements AutoCloseable {

    private final EventLog log;
    private final Broker broker;
    private final HubOptions options;
    private final Executor replayExecutor;
    private final LongSupplier nanoClock;
    private final HubListener listener;

    private final Object publishLock = new Object();
    private final Object registryLock = new Object();
    private final SubscriberIndex<Subscription> index = new SubscriberIndex<>();
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final List<Subscription> matched = new ArrayList<>();

    private volatile long lastDispatchedPosition;
    private volatile String lastDispatchedId;
    private volatile boolean closed;
    /** Written only by the one delivering thread of the moment (the broker delivers one entry at a time). */
    private volatile long dispatchedCount;

    /**
     * A hub over {@code log} and {@code broker}, which it starts and later closes.
     *
     * @param replayExecutor runs history reads for resuming subscribers (direct execution suits an in-memory log)
     * @param nanoClock the time source for heartbeats, {@code System::nanoTime} outside tests
     */
    public Hub(EventLog log, Broker broker, HubOptions options, Executor replayExecutor, LongSupplier nanoClock) {
        this(log, broker, options, replayExecutor, nanoClock, HubListener.NONE);
    }

    /**
     * A hub as above that reports what it does to {@code listener} (metrics).
     *
     * @param listener told of publishes, fan-outs, replays and subscriptions; see {@link HubListener} for its threads
     */
    public Hub(EventLog log, Broker broker, HubOptions options, Executor replayExecutor, LongSupplier nanoClock,
               HubListener listener) {
        this.listener = listener;
        this.log = log;
        this.broker = broker;
        this.options = options;
        this.replayExecutor = replayExecutor;
        this.nanoClock = nanoClock;
        this.lastDispatchedPosition = log.headPosition();
        this.lastDispatchedId = idAt(lastDispatchedPosition);
        broker.start(lastDispatchedPosition, this::dispatch);
    }

    /** A hub with default options, direct replay and the system clock. */
    public Hub(EventLog log, Broker broker) {
        this(log, broker, HubOptions.defaults(), Runnable::run, System::nanoTime);
    }

    /**
     * Publishes {@code update}, generating a {@code urn:uuid:} id when it has none, and returns its log entry
     * once it is logged and handed to the broker (delivery follows asynchronously). When the log still holds
     * an entry with the update's id, that entry is returned and nothing is delivered again (idempotent retry).
     *
     * @throws HubOverloadedException when fan-out is too far behind to accept more
     * @throws HubClosedException when the hub was closed
     * @throws dev.herald.log.LogUnavailableException when the log cannot be written
     */
    public LogEntry publish(Update update) {
        if (closed) {
            throw new HubClosedException();
        }
        Update withId = update.id() == null ? update.withId("urn:uuid:" + UUID.randomUUID()) : update;
        int backlog = broker.backlog();
        if (backlog >= options.maxDispatchBacklog()) {
            throw new HubOverloadedException(backlog);
        }
        if (broker.tailsLog()) {
            // The broker delivers in the log's order by reading it: no hand-off, so no lock across the append.
            AppendResult appended = log.append(withId);
            if (!appended.duplicate()) {
                listener.published(appended.entry());
            }
            return appended.entry();
        }
        AppendResult appended;
        synchronized (publishLock) {
            appended = log.append(withId);
            if (!appended.duplicate()) {
                listener.published(appended.entry());
                broker.publish(appended.entry());
            }
        }
        if (!appended.duplicate()) {
            // Outside the lock, so a fan-out run here never holds up another publisher's append.
            broker.deliverOnPublisher();
        }
        return appended.entry();
    }

    /**
     * Subscribes {@code sink} as {@code request} asks, replaying history after its {@code lastEventId} first.
     * The sink may be called before this method returns.
     */
    public Subscription subscribe(SubscribeRequest request, SubscriptionSink sink) {
        if (closed) {
            throw new HubClosedException();
        }
        String requested = request.lastEventId();
        long resumeAfter = 0;
        boolean missed = false;
        if (SubscribeRequest.EARLIEST.equals(requested)) {
            resumeAfter = beforeOldest();
        } else if (requested != null) {
            OptionalLong found = log.positionOf(requested);
            missed = found.isEmpty();
            resumeAfter = found.orElse(0);
        }
        Subscription subscription = new Subscription(this, request, sink, options.outboundBudgetBytes(), nanoClock.getAsLong());
        long target;
        String targetId;
        synchronized (registryLock) {
            index.add(subscription, request.selectors());
            subscriptions.add(subscription);
            target = lastDispatchedPosition;
            targetId = lastDispatchedId;
        }
        listener.subscribed(subscription, requested != null);
        if (missed) {
            listener.historyGap();
        }
        if (closed) {
            // close() may have taken its snapshot of subscriptions before this one registered.
            subscription.close(CloseReason.SHUTDOWN, false);
            throw new HubClosedException();
        }
        if (requested == null) {
            subscription.start(target, target, targetId == null ? SubscribeRequest.EARLIEST : targetId, false);
        } else {
            subscription.start(resumeAfter, target, missed ? SubscribeRequest.EARLIEST : requested, missed);
        }
        return subscription;
    }

    /** Updates fanned out on this node since the hub started (whether or not anyone followed them); a rate gauge's source. */
    public long dispatchedCount() {
        return dispatchedCount;
    }

    /** True once {@link #close(CloseReason)} began: the hub refuses publishes and subscribes. */
    public boolean isClosed() {
        return closed;
    }

    /** The number of open subscriptions on this node. */
    public int subscriberCount() {
        return subscriptions.size();
    }

    /** The number of open subscriptions on this node following {@code topic}. */
    public int subscriberCount(String topic) {
        synchronized (registryLock) {
            return index.count(topic);
        }
    }

    /**
     * The id of the last update dispatched to subscribers ({@code earliest} before the first), so a client
     * that reads a snapshot (such as the subscriptions list) can subscribe from that point without a gap.
     */
    public String lastEventId() {
        String id = lastDispatchedId;
        return id == null ? SubscribeRequest.EARLIEST : id;
    }

    /** The open subscriptions on this node, for sweeps such as heartbeats; a live view. */
    public Set<Subscription> subscriptions() {
        return java.util.Collections.unmodifiableSet(subscriptions);
    }

    /** Ends every subscription for {@code reason}, then stops the broker and closes the log; idempotent. */
    public void close(CloseReason reason) {
        if (closed) {
            return;
        }
        closed = true;
        for (Subscription subscription : List.copyOf(subscriptions)) {
            subscription.close(reason, true);
        }
        broker.close();
        log.close();
    }

    @Override
    public void close() {
        close(CloseReason.SHUTDOWN);
    }

    // ---- package-private collaborators of Subscription and Heartbeats ----

    EventLog log() {
        return log;
    }

    HubOptions options() {
        return options;
    }

    Executor replayExecutor() {
        return replayExecutor;
    }

    long nanoTime() {
        return nanoClock.getAsLong();
    }

    long lastDispatchedPosition() {
        return lastDispatchedPosition;
    }

    /**
     * The key under which waiting copies of {@code update} supersede each other in a subscriber's outbox: its
     * first topic that a {@linkplain HubOptions#conflatedTopics() conflated selector} matches, with its type;
     * null when the update is not conflated.
     */
    String conflationKey(Update update) {
        List<TopicSelector> conflated = options.conflatedTopics();
        if (conflated.isEmpty()) {
            return null;
        }
        for (String topic : update.topics()) {
            for (TopicSelector selector : conflated) {
                if (selector.matches(topic)) {
                    return update.type() == null ? topic : topic + '\n' + update.type();
                }
            }
        }
        return null;
    }

    HubListener listener() {
        return listener;
    }

    void unregister(Subscription subscription) {
        if (subscriptions.remove(subscription)) {
            synchronized (registryLock) {
                index.remove(subscription, subscription.request().selectors());
            }
            listener.closed(subscription, subscription.closeReason());
        }
    }

    /** The id of the entry at {@code position}, or null when the log holds none there (it is empty). */
    private String idAt(long position) {
        if (position <= 0) {
            return null;
        }
        List<LogEntry> page = log.readAfter(position - 1, 1).entries();
        return page.isEmpty() || page.get(0).position() != position ? null : page.get(0).id();
    }

    /**
     * The position just before the oldest retained entry: where {@code earliest} starts. Resolved now, so that
     * what the log trimmed before this subscribe is not reported as missed, while a trim during the replay is.
     */
    private long beforeOldest() {
        List<LogEntry> page = log.readAfter(0, 1).entries();
        return page.isEmpty() ? 0 : page.get(0).position() - 1;
    }

    private void dispatch(LogEntry entry) {
        List<Subscription> targets;
        synchronized (registryLock) {
            lastDispatchedPosition = entry.position();
            lastDispatchedId = entry.id();
            dispatchedCount++;
            Update update = entry.update();
            matched.clear();
            index.forEachCandidate(update.topics(), subscription -> {
                if (subscription.lastMatchedPosition != entry.position()) {
                    subscription.lastMatchedPosition = entry.position();
                    if (!update.privateUpdate() || subscription.acceptsPrivate(update)) {
                        matched.add(subscription);
                    }
                }
            });
            targets = matched;
        }
        // The broker delivers one entry at a time, so only this thread touches `matched` now: safe outside the lock.
        String conflationKey = targets.isEmpty() ? null : conflationKey(entry.update());
        int deliveries = 0;
        for (Subscription subscription : targets) {
            if (subscription.offerLive(entry, conflationKey)) {
                deliveries++;
            }
        }
        listener.dispatched(entry, deliveries);
    }
}

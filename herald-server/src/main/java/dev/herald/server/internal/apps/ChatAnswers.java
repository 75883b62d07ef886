package dev.herald.server.internal.apps;

import dev.herald.hub.Hub;
import dev.herald.hub.Update;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chat answers being generated or recently finished. Each answer is published token by token to its own
 * topic, {@code /chat/answers/{id}}, through the hub's log: first an {@code answer} event (id {@code ID.0}),
 * then one default-type event per token ({@code ID.1}, {@code ID.2}, ...), then {@code [DONE]} ({@code ID.done}).
 * A client resumes an answer from any of these ids without a gap or a repeat.
 *
 * <p>Threads: everything that changes an answer runs on the applications' single scheduler thread, so an
 * answer needs no lock; other threads only read the registry.
 */
final class ChatAnswers {

    /** The data of the event that ends every answer, as the seed's client expects it. */
    static final String DONE = "[DONE]";
    /** Answers generated at once; bounds the scheduler's work against a flood of questions. */
    static final int MAX_RUNNING = 1000;
    /** Answers remembered, finished ones included; past it the finished ones are forgotten early (memory bound). */
    static final int MAX_KEPT = 20_000;
    /** How long a finished answer stays resumable (its events stay in the log as long as the log keeps them). */
    private static final long KEEP_FINISHED_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final Pattern EVENT_ID = Pattern.compile("(c[0-9a-f]{16})\\.([0-9]{1,6}|done)");
    private static final Pattern ANSWER_ID = Pattern.compile("c[0-9a-f]{16}");
    private static final SecureRandom IDS = new SecureRandom();

    private final Hub hub;
    private final ScheduledExecutorService scheduler;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();

    ChatAnswers(Hub hub, ScheduledExecutorService scheduler) {
        this.hub = hub;
        this.scheduler = scheduler;
        scheduler.scheduleAtFixedRate(Tasks.guarded("evicting finished chat answers", this::evictFinished), 1, 1, TimeUnit.MINUTES);
    }

    /** The topic an answer is published to. */
    static String topic(String answerId) {
        return "/chat/answers/" + answerId;
    }

    /** The id of the event that opens an answer; resuming after it replays the whole answer. */
    static String startId(String answerId) {
        return answerId + ".0";
    }

    /** The id of the {@code [DONE]} event of an answer. */
    static String doneId(String answerId) {
        return answerId + ".done";
    }

    /** The answer id an event id belongs to, or null when {@code eventId} is no chat event's id. */
    static String answerOf(String eventId) {
        if (eventId == null) {
            return null;
        }
        Matcher matcher = EVENT_ID.matcher(eventId);
        return matcher.matches() ? matcher.group(1) : null;
    }

    /** True when {@code id} has the form of an answer id. */
    static boolean isAnswerId(String id) {
        return id != null && ANSWER_ID.matcher(id).matches();
    }

    /** True when this node generates or recently generated the answer {@code answerId}. */
    boolean knows(String answerId) {
        return answers.containsKey(answerId);
    }

    /**
     * Starts answering {@code message} and returns the answer's id, or null when {@link #MAX_RUNNING} answers
     * are being generated already. {@code subscribe} is given the id first: what it registers with the hub
     * receives the whole answer live. When it throws, nothing is generated.
     */
    String start(String message, Consumer<String> subscribe) {
        if (running.incrementAndGet() > MAX_RUNNING) {
            running.decrementAndGet();
            return null;
        }
        if (answers.size() >= MAX_KEPT) {
            answers.values().removeIf(answer -> answer.finishedAtNanos != 0);
        }
        byte[] random = new byte[8];
        IDS.nextBytes(random);
        Answer answer = new Answer("c" + HexFormat.of().formatHex(random), ChatGenerator.tokens(message));
        try {
            subscribe.accept(answer.id);
        } catch (RuntimeException e) {
            running.decrementAndGet();
            throw e;
        }
        answers.put(answer.id, answer);
        scheduler.execute(Tasks.guarded("generating a chat answer", answer::begin));
        return answer.id;
    }

    /**
     * Stops generating {@code answerId}, which then ends with {@code [DONE]}; completes with true when it was
     * still being generated, false when it had ended already.
     */
    CompletableFuture<Boolean> stop(String answerId) {
        Answer answer = answers.get(answerId);
        if (answer == null) {
            return CompletableFuture.completedFuture(false);
        }
        return CompletableFuture.supplyAsync(answer::stop, scheduler);
    }

    private void evictFinished() {
        long now = System.nanoTime();
        answers.values().removeIf(answer -> answer.finishedAtNanos != 0 && now - answer.finishedAtNanos > KEEP_FINISHED_NANOS);
    }

    /** One answer; its fields are touched only on the scheduler thread, except the volatile end time. */
    private final class Answer {
        final String id;
        /** Dropped when the answer ends: a finished answer keeps only its id and end time. */
        List<String> tokens;
        int sent;
        ScheduledFuture<?> next;
        boolean ended;
        volatile long finishedAtNanos;

        Answer(String id, List<String> tokens) {
            this.id = id;
            this.tokens = tokens;
        }

        void begin() {
            if (ended) {
                return;
            }
            publish(new Update(List.of(topic(id)), "{\"id\":\"" + id + "\",\"stop\":\"/api/chat/" + id + "/stop\"}",
                    startId(id), "answer", null, false));
            step();
        }

        void step() {
            if (ended) {
                return;
            }
            if (sent == tokens.size()) {
                end();
                return;
            }
            publish(new Update(List.of(topic(id)), tokens.get(sent), id + "." + (sent + 1), null, null, false));
            sent++;
            // A model's pace: 20 to 60 ms per token.
            next = scheduler.schedule(Tasks.guarded("generating a chat answer", this::step),
                    ThreadLocalRandom.current().nextLong(20, 61), TimeUnit.MILLISECONDS);
        }

        boolean stop() {
            if (ended) {
                return false;
            }
            if (next != null) {
                next.cancel(false);
            }
            end();
            return true;
        }

        private void end() {
            ended = true;
            tokens = null;
            running.decrementAndGet();
            finishedAtNanos = System.nanoTime();
            publish(new Update(List.of(topic(id)), DONE, doneId(id), null, null, false));
        }

        private void publish(Update update) {
            try {
                hub.publish(update);
            } catch (RuntimeException e) {
                // The answer cannot go on (hub closing, log away): end it here rather than retry forever.
                if (!ended) {
                    ended = true;
                    tokens = null;
                    running.decrementAndGet();
                    finishedAtNanos = System.nanoTime();
                }
                throw e;
            }
        }
    }
}

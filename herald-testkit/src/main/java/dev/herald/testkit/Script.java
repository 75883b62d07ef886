package dev.herald.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * What a {@link ScriptedSseServer} does with one connection: the status line and headers it answers, then
 * body steps run in order (write exact bytes, flush, pause, wait for a cue, go silent), then how the
 * connection ends (a normal close unless the script says otherwise).
 *
 * <p>Built once by a test and then only read by the server's connection thread; not for reuse across
 * threads while it is still being built.
 */
public final class Script {

    /** One body step; runs on the connection's thread. */
    @FunctionalInterface
    interface Step {
        void run(ScriptedConnection connection) throws IOException, InterruptedException;
    }

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<Step> steps = new ArrayList<>();

    private Script(int status) {
        this.status = status;
    }

    /** A {@code 200} answer with {@code Content-Type: text/event-stream} and {@code Cache-Control: no-cache}. */
    public static Script sse() {
        return new Script(200).header("Content-Type", "text/event-stream; charset=utf-8")
                .header("Cache-Control", "no-cache");
    }

    /** An answer with status {@code code} and no headers yet (add {@link #header} or {@link #body}). */
    public static Script status(int code) {
        return new Script(code);
    }

    /** Adds response header {@code name: value}; a later call with the same name replaces it. */
    public Script header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** A complete body with a {@code Content-Length}, for non-streaming answers such as errors. */
    public Script body(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        header("Content-Length", Integer.toString(bytes.length));
        return write(bytes);
    }

    /** Writes {@code text} as UTF-8 and flushes. */
    public Script write(String text) {
        return write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes exactly {@code bytes} and flushes. */
    public Script write(byte[] bytes) {
        byte[] copy = bytes.clone();
        steps.add(c -> c.write(copy, 0, copy.length));
        return this;
    }

    /**
     * Writes {@code text} as UTF-8 cut at the byte {@code offsets}, flushing and pausing briefly between the
     * pieces so the client most likely reads them separately (the pause shapes traffic; it is no
     * synchronisation, and a client must be correct however the pieces arrive).
     */
    public Script writeSplit(String text, int... offsets) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int start = 0;
        for (int offset : offsets) {
            int from = start;
            steps.add(c -> c.write(bytes, from, offset - from));
            pause(Duration.ofMillis(20));
            start = offset;
        }
        int from = start;
        steps.add(c -> c.write(bytes, from, bytes.length - from));
        return this;
    }

    /** Writes {@code text} {@code times} times, one write call each: a flood for backpressure tests. */
    public Script repeat(String text, int times) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        steps.add(c -> {
            for (int i = 0; i < times; i++) {
                c.write(bytes, 0, bytes.length);
            }
        });
        return this;
    }

    /** Waits {@code duration} before the next step, to shape how bytes arrive. */
    public Script pause(Duration duration) {
        steps.add(c -> Thread.sleep(duration.toMillis()));
        return this;
    }

    /** Holds the next steps until the test counts {@code cue} down (or the server closes). */
    public Script awaitCue(CountDownLatch cue) {
        steps.add(c -> c.awaitCue(cue));
        return this;
    }

    /**
     * Stops writing but keeps the connection open until the client closes it or the server stops: a
     * dead connection behind a proxy, as a client sees it. Steps after this one never run.
     */
    public Script silence() {
        steps.add(ScriptedConnection::holdUntilClientLeaves);
        return this;
    }

    /** Ends the connection with a TCP reset instead of a normal close: an abrupt network failure. */
    public Script reset() {
        steps.add(ScriptedConnection::reset);
        return this;
    }

    int status() {
        return status;
    }

    Map<String, String> headers() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }
}

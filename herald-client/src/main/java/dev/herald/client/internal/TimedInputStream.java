package dev.herald.client.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An input stream that closes itself when one read waits longer than the timeout for a byte, which makes
 * the blocked read fail. Only time spent inside {@code read} counts: while a slow listener holds the
 * reading thread, the connection is not idle, it is being held back.
 *
 * <p>The check runs on the shared {@link ClientTimer}: one pending task per stream, which re-arms itself for
 * the time left, so no work is done per byte beyond two volatile writes.
 */
final class TimedInputStream extends FilterInputStream {

    private static final long NOT_READING = Long.MIN_VALUE;

    private final long timeoutNanos;
    private volatile long readStartedNanos = NOT_READING;
    private volatile boolean timedOut;
    private volatile boolean closed;
    private volatile ScheduledFuture<?> check;

    private TimedInputStream(InputStream in, Duration timeout) {
        super(in);
        this.timeoutNanos = timeout.toNanos();
    }

    /** Wraps {@code in} and starts watching it; {@code timeout} must be positive. */
    static TimedInputStream watch(InputStream in, Duration timeout) {
        TimedInputStream stream = new TimedInputStream(in, timeout);
        stream.arm(stream.timeoutNanos);
        return stream;
    }

    /** True if this stream was closed because a read waited longer than the timeout. */
    boolean timedOut() {
        return timedOut;
    }

    @Override
    public int read() throws IOException {
        readStartedNanos = System.nanoTime();
        try {
            return super.read();
        } finally {
            readStartedNanos = NOT_READING;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        readStartedNanos = System.nanoTime();
        try {
            return super.read(b, off, len);
        } finally {
            readStartedNanos = NOT_READING;
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        ScheduledFuture<?> pending = check;
        if (pending != null) {
            pending.cancel(false);
        }
        super.close();
    }

    private void arm(long delayNanos) {
        check = ClientTimer.get().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
        if (closed) {
            check.cancel(false); // close() raced with arming: do not leave a task behind.
        }
    }

    private void check() {
        if (closed) {
            return;
        }
        long started = readStartedNanos;
        long waited = started == NOT_READING ? 0 : System.nanoTime() - started;
        if (waited < timeoutNanos) {
            arm(timeoutNanos - waited);
            return;
        }
        timedOut = true;
        try {
            close(); // Makes the blocked read fail at once; the reader sees timedOut() and reports a timeout.
        } catch (IOException ignored) {
            // The stream is unusable either way, which is all a timeout needs.
        }
    }
}

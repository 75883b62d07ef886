package dev.herald.client.internal;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The one timer thread shared by every event source in the JVM, for read timeouts. Its tasks only close a
 * stalled stream; they never call a listener, so a slow listener cannot delay another source's timeout.
 */
final class ClientTimer {

    private ClientTimer() {
    }

    /** The shared scheduler, made on first use; its thread is a daemon and never keeps the JVM alive. */
    static ScheduledThreadPoolExecutor get() {
        return Holder.TIMER;
    }

    private static final class Holder {
        static final ScheduledThreadPoolExecutor TIMER = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "herald-client-timer");
                thread.setDaemon(true);
                return thread;
            });
            // Every closed stream cancels its pending check: drop such tasks now, not at their due time.
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }
    }
}

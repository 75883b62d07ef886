package dev.herald.server.internal.apps;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wraps the applications' scheduled work so that a failure is logged instead of silently cancelling a periodic task. */
final class Tasks {

    private static final Logger LOG = LoggerFactory.getLogger(Tasks.class);

    private Tasks() {
    }

    /** {@code task}, logging (not throwing) what it throws: a hub that is closing or a log that is away for a while. */
    static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.debug("{} failed: {}", what, e.toString());
            }
        };
    }
}

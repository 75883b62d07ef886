package dev.herald.hub;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** A replay executor the test drives: tasks wait until the test runs them, so a catch-up can be held back. */
final class ManualExecutor implements Executor {

    private final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
    }

    /** The number of tasks waiting. */
    synchronized int pending() {
        return tasks.size();
    }

    /** Runs the tasks waiting now, on the calling thread; tasks they submit wait for the next call. */
    void runPending() {
        Queue<Runnable> batch;
        synchronized (this) {
            batch = new ArrayDeque<>(tasks);
            tasks.clear();
        }
        batch.forEach(Runnable::run);
    }
}

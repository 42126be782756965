package io.osmos.executor;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns the executor's state: every event, timer and process notification runs
 * here in turn, so the state needs no locks.
 */
final class Actor {

    private static final Logger LOG = LoggerFactory.getLogger(Actor.class);

    private final ScheduledThreadPoolExecutor thread;
    private final Consumer<RuntimeException> onFailure;

    /**
     * @param onFailure runs on the actor when a task throws; the state may then be inconsistent
     */
    Actor(Consumer<RuntimeException> onFailure) {
        this.onFailure = onFailure;
        // Not a daemon: this thread is what keeps the executor JVM alive.
        this.thread = new ScheduledThreadPoolExecutor(1, runnable -> new Thread(runnable, "executor"));
        this.thread.setRemoveOnCancelPolicy(true);
    }

    void execute(Runnable task) {
        try {
            thread.execute(guarded(task));
        } catch (RejectedExecutionException e) {
            LOG.debug("Executor stopped; dropping a late notification");
        }
    }

    ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        try {
            return thread.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Executor stopped; not scheduling");
            return null;
        }
    }

    /** The underlying scheduler, for timers that must not touch the state. */
    ScheduledThreadPoolExecutor timer() {
        return thread;
    }

    void stop() {
        thread.shutdownNow();
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Unexpected failure in the executor", e);
                onFailure.accept(e);
            }
        };
    }
}

package io.osmos.api.loop;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single writer: every change of a component's state runs on this one thread, in order, so the
 * state needs no locks and readers see whole changes only. Work submitted after {@link #close()}
 * fails instead of running.
 */
public final class SerialLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SerialLoop.class);

    private final ScheduledExecutorService executor;

    /** @param name the thread's name, shown in thread dumps and logs */
    public SerialLoop(String name) {
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs a change on the loop; a failure is logged and completes the future exceptionally. */
    public <T> CompletableFuture<T> submit(Callable<T> change) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(change.call());
                } catch (Exception | Error e) {
                    LOG.error("Change on {} failed", Thread.currentThread().getName(), e);
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("The loop has stopped", e));
        }
        return result;
    }

    public void execute(Runnable change) {
        submit(() -> {
            change.run();
            return null;
        });
    }

    public ScheduledFuture<?> every(long period, TimeUnit unit, Runnable task) {
        return executor.scheduleAtFixedRate(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Periodic task on {} failed", Thread.currentThread().getName(), e);
            }
        }, period, period, unit);
    }

    /** The loop as an executor, for collaborators (such as the allocator) that schedule their own work on it. */
    public ScheduledExecutorService scheduler() {
        return executor;
    }

    public ScheduledFuture<?> after(long delay, TimeUnit unit, Runnable task) {
        return executor.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Delayed task on {} failed", Thread.currentThread().getName(), e);
            }
        }, delay, unit);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

package io.osmos.master.impl;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's single writer: every change of master state runs on this one thread, in order,
 * so the state needs no locks and readers see whole changes only.
 */
final class MasterLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MasterLoop.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "osmos-master");
        thread.setDaemon(true);
        return thread;
    });

    /** Runs a change on the loop; a failure is logged and completes the future exceptionally. */
    <T> CompletableFuture<T> submit(Callable<T> change) {
        CompletableFuture<T> result = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                result.complete(change.call());
            } catch (Exception | Error e) {
                LOG.error("Master change failed", e);
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    void execute(Runnable change) {
        submit(() -> {
            change.run();
            return null;
        });
    }

    ScheduledFuture<?> every(long period, TimeUnit unit, Runnable task) {
        return executor.scheduleAtFixedRate(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Periodic master task failed", e);
            }
        }, period, period, unit);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

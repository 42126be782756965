package io.osmos.master.impl;

import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The master loop as one allocator sees it: its tasks run on the loop, and {@link #shutdown()} cancels
 * every one still pending and refuses new ones. The master shuts it the moment DS takes the allocator
 * away, because after its bundle is refreshed a timer of the old instance would run code whose classes
 * can no longer be loaded.
 */
final class ScopedScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final ScheduledExecutorService loop;
    private final Set<ScheduledFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean shut;

    ScopedScheduler(ScheduledExecutorService loop) {
        this.loop = loop;
    }

    @Override
    public void execute(Runnable task) {
        refuseWhenShut();
        loop.execute(() -> {
            if (!shut) {
                task.run();
            }
        });
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        refuseWhenShut();
        return track(loop.schedule(guarded(task), delay, unit));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit) {
        refuseWhenShut();
        return track(loop.schedule(() -> shut ? null : task.call(), delay, unit));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
        refuseWhenShut();
        return track(loop.scheduleAtFixedRate(guarded(task), initialDelay, period, unit));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay, long delay, TimeUnit unit) {
        refuseWhenShut();
        return track(loop.scheduleWithFixedDelay(guarded(task), initialDelay, delay, unit));
    }

    @Override
    public void shutdown() {
        shut = true;
        pending.forEach(future -> future.cancel(false));
        pending.clear();
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shut;
    }

    @Override
    public boolean isTerminated() {
        return shut;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return shut;
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            if (!shut) {
                task.run();
            }
        };
    }

    private <F extends ScheduledFuture<?>> F track(F future) {
        pending.add(future);
        pending.removeIf(ScheduledFuture::isDone);
        if (shut) {
            future.cancel(false);
        }
        return future;
    }

    private void refuseWhenShut() {
        if (shut) {
            throw new RejectedExecutionException("The allocator this scheduler served is gone");
        }
    }
}

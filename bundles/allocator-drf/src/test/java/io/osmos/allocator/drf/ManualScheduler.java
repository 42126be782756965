package io.osmos.allocator.drf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A scheduler whose time moves only when the test says, so every run is reproducible. */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final class Task implements ScheduledFuture<Object> {
        final Runnable action;
        long due;
        final long period;
        boolean cancelled;

        Task(Runnable action, long due, long period) {
            this.action = action;
            this.due = due;
            this.period = period;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - now, TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
        }

        @Override
        public boolean cancel(boolean interrupt) {
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }

    private final List<Task> tasks = new ArrayList<>();
    private long now;

    /** Runs everything due now (including what that schedules for now). */
    void runDue() {
        while (true) {
            Task next = null;
            for (Task task : tasks) {
                if (!task.cancelled && task.due <= now && (next == null || task.due < next.due)) {
                    next = task;
                }
            }
            if (next == null) {
                return;
            }
            if (next.period > 0) {
                next.due += next.period;
            } else {
                tasks.remove(next);
            }
            next.action.run();
        }
    }

    /** Moves time on, running what falls due on the way. */
    void advance(long millis) {
        long end = now + millis;
        while (now < end) {
            now = Math.min(end, now + 100);
            runDue();
        }
    }

    @Override
    public void execute(Runnable command) {
        tasks.add(new Task(command, now, 0));
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Task task = new Task(command, now + unit.toMillis(delay), 0);
        tasks.add(task);
        return task;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the allocator");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        Task task = new Task(command, now + unit.toMillis(initialDelay), unit.toMillis(period));
        tasks.add(task);
        return task;
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return scheduleAtFixedRate(command, initialDelay, delay, unit);
    }

    @Override
    public void shutdown() {
        tasks.clear();
    }

    @Override
    public List<Runnable> shutdownNow() {
        tasks.clear();
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

}

package io.osmos.allocator.drf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A single-threaded scheduler whose clock moves only when the test says. Tasks due at the same
 * time run in the order they were scheduled; {@link #runPending()} runs what is due now.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final class Task implements ScheduledFuture<Object> {
        final Runnable action;
        final long period;
        final boolean fixedRate;
        long due;
        long sequence;
        boolean cancelled;

        Task(Runnable action, long due, long period, boolean fixedRate) {
            this.action = action;
            this.due = due;
            this.period = period;
            this.fixedRate = fixedRate;
            this.sequence = nextSequence++;
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
            boolean was = !cancelled;
            cancelled = true;
            tasks.remove(this);
            return was;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return cancelled || (period == 0 && !tasks.contains(this));
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
    private long nextSequence;

    long now() {
        return now;
    }

    /** Tasks waiting, periodic ones included. */
    int pending() {
        return tasks.size();
    }

    /** Runs everything due now, including what that schedules for now. */
    void runPending() {
        while (true) {
            Task next = tasks.stream().filter(t -> t.due <= now)
                    .min(Comparator.comparingLong((Task t) -> t.due).thenComparingLong(t -> t.sequence)).orElse(null);
            if (next == null) {
                return;
            }
            tasks.remove(next);
            next.action.run();
            if (next.period > 0 && !next.cancelled) {
                next.due = next.fixedRate ? next.due + next.period : now + next.period;
                next.sequence = nextSequence++;
                tasks.add(next);
            }
        }
    }

    /** Moves the clock on to {@code millis} from now, stopping at each due time on the way to run what is due. */
    void advance(long millis) {
        long end = now + millis;
        runPending();
        while (true) {
            long nextDue = tasks.stream().mapToLong(t -> t.due).filter(d -> d <= end).min().orElse(end);
            now = Math.max(now, nextDue);
            runPending();
            if (now >= end && tasks.stream().noneMatch(t -> t.due <= end)) {
                return;
            }
        }
    }

    @Override
    public void execute(Runnable command) {
        tasks.add(new Task(command, now, 0, false));
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Task task = new Task(command, now + unit.toMillis(delay), 0, false);
        tasks.add(task);
        return task;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("the allocator schedules only Runnables");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        Task task = new Task(command, now + unit.toMillis(initialDelay), unit.toMillis(period), true);
        tasks.add(task);
        return task;
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        Task task = new Task(command, now + unit.toMillis(initialDelay), unit.toMillis(delay), false);
        tasks.add(task);
        return task;
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

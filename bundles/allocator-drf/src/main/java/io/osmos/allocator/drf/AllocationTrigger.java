package io.osmos.allocator.drf;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When allocation runs: periodically, and soon after events that may yield offers. Events that
 * arrive while a run is pending join it, so a burst of events makes one run, over all agents or
 * over the union of the agents the events named.
 */
final class AllocationTrigger {

    private static final Logger LOG = LoggerFactory.getLogger(AllocationTrigger.class);

    private final ScheduledExecutorService scheduler;
    /** Runs a cycle over the named agents; {@code null} means all. */
    private final Consumer<Set<String>> cycle;
    private final Set<String> pendingAgents = new LinkedHashSet<>();
    private boolean pendingAll;
    private boolean scheduled;
    private boolean closed;
    private ScheduledFuture<?> periodic;

    AllocationTrigger(ScheduledExecutorService scheduler, Consumer<Set<String>> cycle) {
        this.scheduler = scheduler;
        this.cycle = cycle;
    }

    void startPeriodic(double intervalSeconds) {
        long millis = Math.max(1, Math.round(intervalSeconds * 1000));
        periodic = scheduler.scheduleWithFixedDelay(this::periodicRun, millis, millis, TimeUnit.MILLISECONDS);
    }

    void allAgents() {
        pendingAll = true;
        schedule();
    }

    void agent(String agentId) {
        pendingAgents.add(agentId);
        schedule();
    }

    /** A run over all agents is happening now: whatever is pending is covered by it. */
    void coveredNow() {
        pendingAll = false;
        pendingAgents.clear();
    }

    void close() {
        closed = true;
        coveredNow();
        if (periodic != null) {
            periodic.cancel(false);
        }
    }

    private void schedule() {
        if (!scheduled && !closed) {
            scheduled = true;
            scheduler.execute(this::eventRun);
        }
    }

    private void eventRun() {
        scheduled = false;
        if (closed || (!pendingAll && pendingAgents.isEmpty())) {
            return;
        }
        Set<String> agents = pendingAll ? null : Set.copyOf(pendingAgents);
        coveredNow();
        safely(agents);
    }

    private void periodicRun() {
        if (!closed) {
            coveredNow();
            safely(null);
        }
    }

    /** A failing run must not stop the periodic ones (the scheduler would drop the task). */
    private void safely(Set<String> agents) {
        try {
            cycle.accept(agents);
        } catch (RuntimeException e) {
            LOG.error("Allocation run failed", e);
        }
    }
}

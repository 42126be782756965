package io.osmos.master.impl;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

import io.osmos.api.allocator.Allocator;
import io.osmos.api.allocator.AllocatorContext;
import io.osmos.api.allocator.OfferSink;
import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.Filters;
import io.osmos.proto.v1.FrameworkID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The allocator currently bound, or none while one is being swapped. Calls made while there is
 * none are dropped: the master's state is the truth, and a newly bound allocator is re-fed all of
 * it. Loop-confined.
 */
final class AllocatorHost {

    private static final Logger LOG = LoggerFactory.getLogger(AllocatorHost.class);

    private final Cluster cluster;
    private final ScheduledExecutorService loop;
    private final double intervalSeconds;
    private final OfferSink sink;
    private final Map<Allocator, ScopedScheduler> schedulers = new ConcurrentHashMap<>();
    private Allocator current;

    /** Set by DS threads: the allocator being taken away. */
    private volatile Allocator retired;

    AllocatorHost(Cluster cluster, ScheduledExecutorService loop, double intervalSeconds) {
        this.cluster = cluster;
        this.loop = loop;
        this.intervalSeconds = intervalSeconds;
        this.sink = (framework, offers) -> cluster.offers().offer(framework, offers);
    }

    /** What one allocator is given: its own view of the loop, shut when it goes. */
    private AllocatorContext contextFor(ScopedScheduler scheduler) {
        return new AllocatorContext() {
            @Override
            public OfferSink offers() {
                return sink;
            }

            @Override
            public ScheduledExecutorService scheduler() {
                return scheduler;
            }

            @Override
            public double allocationIntervalSeconds() {
                return intervalSeconds;
            }
        };
    }

    /** Binds an allocator and feeds it the whole cluster: frameworks first, then agents. */
    void bind(Allocator allocator) {
        if (current != null) {
            unbind(current);
        }
        long start = System.nanoTime();
        ScopedScheduler scheduler = new ScopedScheduler(loop);
        schedulers.put(allocator, scheduler);
        if (retired == allocator) {
            scheduler.shutdown();
        }
        allocator.initialize(contextFor(scheduler));
        try {
            feed(allocator);
        } catch (RuntimeException | LinkageError e) {
            // Half fed, it must not keep its timers running on the master loop.
            closeQuietly(allocator);
            throw e;
        }
        current = allocator;
        LOG.info("Allocator {} bound and fed {} frameworks and {} agents in {} ms", allocator.getClass().getName(),
                cluster.frameworks().size(), cluster.agents().all().size(), (System.nanoTime() - start) / 1_000_000);
        allocator.allocate();
    }

    private void feed(Allocator allocator) {
        for (FrameworkRecord framework : cluster.frameworks()) {
            allocator.addFramework(framework.id, framework.info, usedByAgent(framework), framework.active,
                    framework.suppressedRoles);
        }
        for (AgentRecord agent : cluster.agents().all()) {
            allocator.addAgent(agent.info().getId(), agent.info(), agent.capabilities(),
                    Resources.of(agent.info().getResourcesList()), usedByFramework(agent.id()));
            if (!agent.active()) {
                allocator.deactivateAgent(agent.info().getId());
            }
        }
        cluster.roles().feed(allocator);
    }

    private static void closeQuietly(Allocator allocator) {
        try {
            allocator.close();
        } catch (RuntimeException | LinkageError e) {
            // A refreshed bundle's classes no longer load; its timers were cancelled when DS took it away.
            LOG.info("Allocator {} did not close cleanly: {}", allocator.getClass().getName(), e.toString());
        }
    }

    /** Unbinds the allocator if it is the current one; its offers are rescinded. */
    void unbind(Allocator allocator) {
        if (current != allocator) {
            return;
        }
        current = null;
        cluster.offers().rescindAllSilently();
        ScopedScheduler scheduler = schedulers.remove(allocator);
        if (scheduler != null) {
            scheduler.shutdown();
        }
        closeQuietly(allocator);
        LOG.info("Allocator {} unbound", allocator.getClass().getName());
    }

    /** The allocator to call; a do-nothing one while none is bound, or once DS has taken it away. */
    Allocator get() {
        Allocator allocator = current;
        return allocator != null && allocator != retired ? allocator : NoAllocator.INSTANCE;
    }

    /**
     * Called by DS the moment the allocator goes, before the loop gets to {@link #unbind}: from then
     * on nothing calls it, since its bundle may be refreshed under it (its classes would no longer load).
     */
    void retire(Allocator allocator) {
        retired = allocator;
        ScopedScheduler scheduler = schedulers.remove(allocator);
        if (scheduler != null) {
            scheduler.shutdown();
        }
    }

    boolean bound() {
        return current != null;
    }

    void recoverResources(FrameworkID framework, AgentID agent, Resources resources, Filters filters) {
        if (!resources.isEmpty()) {
            get().recoverResources(framework, agent, resources, filters);
        }
    }

    private Map<AgentID, Resources> usedByAgent(FrameworkRecord framework) {
        Map<AgentID, Resources> used = new HashMap<>();
        for (TaskRecord task : framework.tasks.values()) {
            if (!task.terminal()) {
                used.merge(task.info.getAgentId(), task.allocated, Resources::plus);
            }
        }
        return used;
    }

    private Map<FrameworkID, Resources> usedByFramework(String agentId) {
        Map<FrameworkID, Resources> used = new HashMap<>();
        for (FrameworkRecord framework : cluster.frameworks()) {
            for (TaskRecord task : framework.tasks.values()) {
                if (!task.terminal() && task.agentId().equals(agentId)) {
                    used.merge(framework.id, task.allocated, Resources::plus);
                }
            }
        }
        return used;
    }
}

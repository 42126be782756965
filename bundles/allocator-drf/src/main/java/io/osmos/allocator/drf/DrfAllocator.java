package io.osmos.allocator.drf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

import io.osmos.api.allocator.Allocator;
import io.osmos.api.allocator.AllocatorContext;
import io.osmos.api.allocator.Quota;
import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.AgentInfo;
import io.osmos.proto.v1.Filters;
import io.osmos.proto.v1.FrameworkID;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.Resource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hierarchical DRF allocator without OSGi: keeps the cluster's books as the master reports
 * changes, and runs {@link AllocationCycle}s when {@link AllocationTrigger} says. Called only from
 * the master's loop, like everything it schedules, so it takes no locks.
 */
class DrfAllocator implements Allocator {

    private static final Logger LOG = LoggerFactory.getLogger(DrfAllocator.class);

    private final Settings settings;
    private final Random random;
    private final Cluster cluster = new Cluster();
    private AllocatorContext context;
    private OfferFilters filters;
    private AllocationTrigger trigger;

    /** @param random orders the agents of each cycle; seeded in tests */
    DrfAllocator(Settings settings, Random random) {
        this.settings = Objects.requireNonNull(settings);
        this.random = Objects.requireNonNull(random);
    }

    @Override
    public void initialize(AllocatorContext allocatorContext) {
        this.context = allocatorContext;
        double interval = allocatorContext.allocationIntervalSeconds();
        this.filters = new OfferFilters(allocatorContext.scheduler(), interval);
        this.trigger = new AllocationTrigger(allocatorContext.scheduler(), this::run);
        trigger.startPeriodic(interval);
        LOG.info("DRF allocator started: allocation every {} s, min_allocatable_resources {}", interval,
                settings.minimum());
    }

    @Override
    public void addAgent(AgentID agent, AgentInfo info, List<AgentInfo.Capability> capabilities, Resources total,
            Map<FrameworkID, Resources> used) {
        if (cluster.agents.containsKey(agent.getValue())) {
            LOG.warn("Agent {} added again; starting its books afresh", agent.getValue());
            removeAgent(agent);
        }
        AgentState state = new AgentState(agent, capabilities, total);
        cluster.agents.put(state.id(), state);
        used.forEach((framework, resources) ->
                cluster.allocate(state, framework.getValue(), withRoles(framework.getValue(), resources)));
        trigger.agent(state.id());
    }

    @Override
    public void updateAgent(AgentID agent, AgentInfo info, List<AgentInfo.Capability> capabilities, Resources total) {
        AgentState state = cluster.agents.get(agent.getValue());
        if (state != null) {
            state.update(capabilities, total);
            trigger.agent(state.id());
        }
    }

    /** The framework keeps what its operations made of its offered resources; the agent's total follows. */
    @Override
    public void updateAllocation(FrameworkID framework, AgentID agent, Resources consumed, Resources converted) {
        AgentState state = cluster.agents.get(agent.getValue());
        if (state == null) {
            return;
        }
        String id = framework.getValue();
        cluster.release(state, id, withRoles(id, consumed));
        state.convert(consumed.withoutAllocationInfo(), converted.withoutAllocationInfo());
        cluster.allocate(state, id, withRoles(id, converted));
    }

    @Override
    public void removeAgent(AgentID agent) {
        AgentState state = cluster.agents.remove(agent.getValue());
        if (state != null) {
            new ArrayList<>(state.allocations().entrySet()).forEach(held ->
                    cluster.release(state, held.getKey(), held.getValue()));
            filters.clearAgent(state.id());
        }
    }

    @Override
    public void activateAgent(AgentID agent) {
        AgentState state = cluster.agents.get(agent.getValue());
        if (state != null) {
            state.setActive(true);
            trigger.agent(state.id());
        }
    }

    @Override
    public void deactivateAgent(AgentID agent) {
        AgentState state = cluster.agents.get(agent.getValue());
        if (state != null) {
            state.setActive(false);
        }
    }

    /**
     * {@code used} is booked on agents already known, as far as the agent's books do not have it
     * yet: the master re-feeds a new allocator frameworks first and agents (with their use) after.
     */
    @Override
    public void addFramework(FrameworkID framework, FrameworkInfo info, Map<AgentID, Resources> used, boolean active,
            Set<String> suppressedRoles) {
        String id = framework.getValue();
        FrameworkState state = cluster.frameworks.get(id);
        if (state == null) {
            cluster.frameworks.put(id, new FrameworkState(framework, info, active, suppressedRoles));
        } else {
            state.update(info, suppressedRoles);
            state.setActive(active);
        }
        used.forEach((agent, resources) -> {
            AgentState agentState = cluster.agents.get(agent.getValue());
            if (agentState != null) {
                Resources missing = withRoles(id, resources).minus(agentState.allocatedTo(id));
                if (!missing.isEmpty()) {
                    cluster.allocate(agentState, id, missing);
                }
            }
        });
        trigger.allAgents();
    }

    @Override
    public void updateFramework(FrameworkID framework, FrameworkInfo info, Set<String> suppressedRoles) {
        FrameworkState state = cluster.frameworks.get(framework.getValue());
        if (state != null) {
            Set<String> dropped = new HashSet<>(state.roles());
            state.update(info, suppressedRoles);
            dropped.removeAll(state.roles());
            filters.clear(state.id(), dropped);
            trigger.allAgents();
        }
    }

    @Override
    public void removeFramework(FrameworkID framework) {
        String id = framework.getValue();
        for (AgentState agent : cluster.agents.values()) {
            cluster.release(agent, id, agent.allocatedTo(id));
        }
        cluster.ledger.forget(id);
        cluster.frameworks.remove(id);
        filters.clearFramework(id);
    }

    @Override
    public void activateFramework(FrameworkID framework) {
        FrameworkState state = cluster.frameworks.get(framework.getValue());
        if (state != null) {
            state.setActive(true);
            trigger.allAgents();
        }
    }

    /** As in Mesos, a deactivated framework's filters go: it starts afresh when it comes back. */
    @Override
    public void deactivateFramework(FrameworkID framework) {
        FrameworkState state = cluster.frameworks.get(framework.getValue());
        if (state != null) {
            state.setActive(false);
            filters.clearFramework(state.id());
        }
    }

    @Override
    public void recoverResources(FrameworkID framework, AgentID agent, Resources resources, Filters refusal) {
        AgentState state = cluster.agents.get(agent.getValue());
        if (state == null || resources.isEmpty()) {
            return;
        }
        String id = framework.getValue();
        Resources recovered = withRoles(id, resources);
        cluster.release(state, id, recovered);
        if (refusal != null && cluster.frameworks.containsKey(id)) {
            Ledger.byRole(recovered).forEach((role, refused) -> filters.refuse(id, role, state.id(), refused, refusal));
        }
    }

    @Override
    public void suppressOffers(FrameworkID framework, Set<String> roles) {
        FrameworkState state = cluster.frameworks.get(framework.getValue());
        if (state != null) {
            state.suppress(roles.isEmpty() ? state.roles() : roles);
        }
    }

    @Override
    public void reviveOffers(FrameworkID framework, Set<String> roles) {
        FrameworkState state = cluster.frameworks.get(framework.getValue());
        if (state != null) {
            Set<String> revived = Set.copyOf(roles.isEmpty() ? state.roles() : roles);
            state.unsuppress(revived);
            filters.clear(state.id(), revived);
            trigger.allAgents();
        }
    }

    @Override
    public void updateWeights(Map<String, Double> weights) {
        weights.forEach((role, weight) -> {
            if (weight != null && weight > 0 && !weight.isInfinite()) {
                cluster.setWeight(role, weight);
            } else {
                LOG.warn("Ignoring weight {} for role {}: a weight must be positive and finite", weight, role);
            }
        });
    }

    @Override
    public void updateQuota(String role, Quota quota) {
        if (quota.isNone()) {
            cluster.quotas().remove(role);
        } else {
            cluster.quotas().put(role, quota);
        }
    }

    @Override
    public void allocate() {
        trigger.coveredNow();
        run(null);
    }

    @Override
    public void close() {
        if (trigger != null) {
            trigger.close();
            filters.close();
        }
    }

    /** @param agentIds the agents to consider; {@code null} for all */
    private void run(Set<String> agentIds) {
        long start = System.nanoTime();
        List<AgentState> candidates = new ArrayList<>();
        for (AgentState agent : cluster.agents.values()) {
            if (agentIds == null || agentIds.contains(agent.id())) {
                candidates.add(agent);
            }
        }
        var offers = new AllocationCycle(cluster, filters, settings).run(candidates, random);
        offers.forEach((framework, byRole) -> context.offers().offer(framework, byRole));
        LOG.debug("Allocation over {} agents made offers to {} frameworks in {} us", candidates.size(), offers.size(),
                (System.nanoTime() - start) / 1000);
    }

    /** Resources handed over without allocation info belong to the framework's (first) role. */
    private Resources withRoles(String framework, Resources resources) {
        boolean complete = true;
        for (Resource resource : resources) {
            complete &= resource.hasAllocationInfo();
        }
        if (complete) {
            return resources;
        }
        FrameworkState state = cluster.frameworks.get(framework);
        String role = state == null ? "*" : state.defaultRole();
        return resources.filter(Resource::hasAllocationInfo)
                .plus(resources.filter(r -> !r.hasAllocationInfo()).allocatedTo(role));
    }

    /** For tests: the books. */
    Cluster cluster() {
        return cluster;
    }
}

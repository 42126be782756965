package io.osmos.allocator.drf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hierarchical DRF allocator (Mesos' default). Keeps what agents have and what frameworks
 * hold, and runs {@link AllocationCycle}s periodically and when something that may yield offers
 * happens (coalesced into one run). Called only from the master's loop.
 */
@Component(service = Allocator.class, configurationPid = HierarchicalDrfAllocator.PID)
@Designate(ocd = HierarchicalDrfAllocator.Config.class)
public final class HierarchicalDrfAllocator implements Allocator {

    static final String PID = "io.osmos.allocator.drf";
    private static final Logger LOG = LoggerFactory.getLogger(HierarchicalDrfAllocator.class);

    @ObjectClassDefinition(name = "Osmos DRF allocator")
    public @interface Config {
        @AttributeDefinition(description = "Smallest offer: alternatives separated by |, e.g. cpus:0.01|mem:32")
        String min_allocatable_resources() default "cpus:0.01|mem:32";

        @AttributeDefinition(description = "Comma-separated resource names left out of fair sharing, e.g. gpus")
        String fair_sharing_excluded_resource_names() default "";
    }

    private final Random random;
    private final MinimumOffer minimum;
    private final Set<String> excluded;
    private final Map<String, AgentSlot> agents = new LinkedHashMap<>();
    private final Map<String, FrameworkSlot> frameworks = new LinkedHashMap<>();
    private final Map<String, Double> weights = new HashMap<>();
    private final Map<String, Quota> quotas = new HashMap<>();
    private final Usage usage = new Usage();
    private AllocatorContext context;
    private OfferFilters filters;
    private ScheduledFuture<?> periodic;
    private boolean pending;

    @Activate
    public HierarchicalDrfAllocator(Config config) {
        this(new Random(), config.min_allocatable_resources(), config.fair_sharing_excluded_resource_names());
    }

    HierarchicalDrfAllocator(Random random, String minAllocatable, String excludedNames) {
        this.random = random;
        this.minimum = new MinimumOffer(minAllocatable);
        this.excluded = Arrays.stream(excludedNames.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }

    @Override
    public void initialize(AllocatorContext allocatorContext) {
        this.context = allocatorContext;
        double interval = allocatorContext.allocationIntervalSeconds();
        this.filters = new OfferFilters(allocatorContext.scheduler(), interval);
        long millis = Math.max(1, (long) (interval * 1000));
        this.periodic = allocatorContext.scheduler().scheduleAtFixedRate(this::allocate, millis, millis,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void addAgent(AgentID agent, AgentInfo info, List<AgentInfo.Capability> capabilities, Resources total,
            Map<FrameworkID, Resources> used) {
        AgentSlot slot = new AgentSlot(agent, total);
        agents.put(agent.getValue(), slot);
        used.forEach((framework, resources) -> take(slot, framework.getValue(), resources));
        trigger();
    }

    @Override
    public void updateAgent(AgentID agent, AgentInfo info, List<AgentInfo.Capability> capabilities, Resources total) {
        AgentSlot slot = agents.get(agent.getValue());
        if (slot != null) {
            slot.total = total;
            trigger();
        }
    }

    @Override
    public void removeAgent(AgentID agent) {
        AgentSlot slot = agents.remove(agent.getValue());
        if (slot != null) {
            slot.allocated.forEach(usage::remove);
        }
    }

    @Override
    public void activateAgent(AgentID agent) {
        AgentSlot slot = agents.get(agent.getValue());
        if (slot != null) {
            slot.active = true;
            trigger();
        }
    }

    @Override
    public void deactivateAgent(AgentID agent) {
        AgentSlot slot = agents.get(agent.getValue());
        if (slot != null) {
            slot.active = false;
        }
    }

    /** {@code used} counts on agents already known; allocations on agents added later come with {@link #addAgent}. */
    @Override
    public void addFramework(FrameworkID framework, FrameworkInfo info, Map<AgentID, Resources> used, boolean active,
            Set<String> suppressedRoles) {
        frameworks.put(framework.getValue(), new FrameworkSlot(framework, info, active, suppressedRoles));
        used.forEach((agent, resources) -> {
            AgentSlot slot = agents.get(agent.getValue());
            if (slot != null) {
                take(slot, framework.getValue(), resources);
            }
        });
        trigger();
    }

    @Override
    public void updateFramework(FrameworkID framework, FrameworkInfo info, Set<String> suppressedRoles) {
        FrameworkSlot slot = frameworks.get(framework.getValue());
        if (slot != null) {
            slot.update(info, suppressedRoles);
            trigger();
        }
    }

    @Override
    public void removeFramework(FrameworkID framework) {
        String id = framework.getValue();
        frameworks.remove(id);
        for (AgentSlot agent : agents.values()) {
            Resources held = agent.allocated.remove(id);
            if (held != null) {
                usage.remove(id, held);
            }
        }
        if (filters != null) {
            filters.clear(id);
        }
    }

    @Override
    public void activateFramework(FrameworkID framework) {
        FrameworkSlot slot = frameworks.get(framework.getValue());
        if (slot != null) {
            slot.active = true;
            trigger();
        }
    }

    @Override
    public void deactivateFramework(FrameworkID framework) {
        FrameworkSlot slot = frameworks.get(framework.getValue());
        if (slot != null) {
            slot.active = false;
        }
    }

    @Override
    public void recoverResources(FrameworkID framework, AgentID agent, Resources resources, Filters refusal) {
        AgentSlot slot = agents.get(agent.getValue());
        if (slot == null) {
            return;
        }
        slot.release(framework.getValue(), resources);
        usage.remove(framework.getValue(), resources);
        if (refusal != null && filters != null && frameworks.containsKey(framework.getValue())) {
            byRole(resources).forEach((role, refused) ->
                    filters.add(framework.getValue(), role, agent.getValue(), refused, refusal));
        }
    }

    @Override
    public void suppressOffers(FrameworkID framework, Set<String> roles) {
        FrameworkSlot slot = frameworks.get(framework.getValue());
        if (slot != null) {
            slot.suppressed.addAll(roles.isEmpty() ? slot.roles : roles);
        }
    }

    @Override
    public void reviveOffers(FrameworkID framework, Set<String> roles) {
        FrameworkSlot slot = frameworks.get(framework.getValue());
        if (slot != null) {
            Set<String> revived = roles.isEmpty() ? slot.roles : roles;
            slot.suppressed.removeAll(revived);
            filters.clear(framework.getValue(), revived);
            trigger();
        }
    }

    @Override
    public void updateWeights(Map<String, Double> newWeights) {
        weights.putAll(newWeights);
    }

    @Override
    public void updateQuota(String role, Quota quota) {
        if (quota.isNone()) {
            quotas.remove(role);
        } else {
            quotas.put(role, quota);
        }
    }

    @Override
    public void allocate() {
        pending = false;
        Map<String, Map<String, Map<AgentID, Resources>>> offers =
                new AllocationCycle(this, random).run(new ArrayList<>(agents.values()));
        offers.forEach((framework, byRole) -> context.offers().offer(frameworks.get(framework).id, byRole));
        if (!offers.isEmpty()) {
            LOG.debug("Allocation offered to {} frameworks", offers.size());
        }
    }

    @Override
    public void close() {
        if (periodic != null) {
            periodic.cancel(false);
        }
    }

    /** Event-triggered allocation: coalesced into one run on the master's loop. */
    private void trigger() {
        if (context != null && !pending) {
            pending = true;
            context.scheduler().execute(() -> {
                if (pending) {
                    allocate();
                }
            });
        }
    }

    private void take(AgentSlot slot, String framework, Resources resources) {
        slot.allocate(framework, resources);
        usage.add(framework, resources);
    }

    private static Map<String, Resources> byRole(Resources resources) {
        Map<String, List<Resource>> grouped = new HashMap<>();
        for (Resource resource : resources) {
            String role = resource.hasAllocationInfo() ? resource.getAllocationInfo().getRole() : "*";
            grouped.computeIfAbsent(role, k -> new ArrayList<>()).add(resource);
        }
        Map<String, Resources> result = new HashMap<>();
        grouped.forEach((role, list) -> result.put(role, Resources.of(list)));
        return result;
    }

    Map<String, Double> fairnessTotals() {
        Map<String, Double> totals = new HashMap<>();
        for (AgentSlot agent : agents.values()) {
            agent.total.scalars().forEach((name, amount) -> totals.merge(name, amount, Double::sum));
        }
        totals.keySet().removeAll(excluded);
        return totals;
    }

    QuotaRules quotaRules() {
        return new QuotaRules(quotas, usage, agents.values());
    }

    Collection<FrameworkSlot> frameworks() {
        return frameworks.values();
    }

    Usage usage() {
        return usage;
    }

    Map<String, Double> weights() {
        return weights;
    }

    MinimumOffer minimum() {
        return minimum;
    }

    OfferFilters filters() {
        return filters;
    }
}

package io.osmos.allocator.drf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.AgentID;

/**
 * One allocation run over the active agents, in random order. For each agent: stage 1 gives roles
 * with unmet guarantees what they lack; stage 2 gives the rest to roles in hierarchical DRF order,
 * and within a role to frameworks in DRF order, within quota limits and leaving headroom for others'
 * guarantees, skipping filtered and too-small offers.
 */
final class AllocationCycle {

    private final HierarchicalDrfAllocator state;
    private final Random random;
    private final Map<String, Map<String, Map<AgentID, Resources>>> offers = new LinkedHashMap<>();

    AllocationCycle(HierarchicalDrfAllocator state, Random random) {
        this.state = state;
        this.random = random;
    }

    /** @return offers by framework id, then role, then agent */
    Map<String, Map<String, Map<AgentID, Resources>>> run(List<AgentSlot> agents) {
        List<AgentSlot> candidates = new ArrayList<>();
        for (AgentSlot agent : agents) {
            if (agent.active) {
                candidates.add(agent);
            }
        }
        Collections.shuffle(candidates, random);
        Map<String, Double> totals = state.fairnessTotals();
        QuotaRules quota = state.quotaRules();
        for (AgentSlot agent : candidates) {
            if (quota.any()) {
                visit(agent, true, totals, quota);
            }
            visit(agent, false, totals, quota);
        }
        return offers;
    }

    private void visit(AgentSlot agent, boolean guaranteesOnly, Map<String, Double> totals, QuotaRules quota) {
        for (String role : RoleOrder.of(wantingRoles(), state.usage(), totals, state.weights())) {
            if (guaranteesOnly && quota.unsatisfied(role).isEmpty()) {
                continue;
            }
            for (FrameworkSlot framework : frameworksOf(role, totals)) {
                Resources candidate = agent.available().allocatableTo(role);
                if (candidate.isEmpty()) {
                    return;
                }
                candidate = guaranteesOnly ? quota.toGuarantee(role, candidate) : quota.leavingHeadroom(role, candidate);
                candidate = quota.withinLimit(role, candidate);
                String id = framework.id.getValue();
                if (!state.minimum().allows(candidate)
                        || state.filters().filtered(id, role, agent.id.getValue(), candidate)) {
                    continue;
                }
                Resources offered = candidate.allocatedTo(role);
                agent.allocate(id, offered);
                state.usage().add(id, offered);
                offers.computeIfAbsent(id, k -> new LinkedHashMap<>()).computeIfAbsent(role, k -> new LinkedHashMap<>())
                        .merge(agent.id, offered, Resources::plus);
            }
        }
    }

    private Set<String> wantingRoles() {
        Set<String> roles = new LinkedHashSet<>();
        for (FrameworkSlot framework : state.frameworks()) {
            for (String role : framework.roles) {
                if (framework.wants(role)) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }

    private List<FrameworkSlot> frameworksOf(String role, Map<String, Double> totals) {
        List<FrameworkSlot> list = new ArrayList<>();
        Map<String, Double> shares = new HashMap<>();
        for (FrameworkSlot framework : state.frameworks()) {
            if (framework.wants(role)) {
                list.add(framework);
                shares.put(framework.id.getValue(), Usage.share(state.usage().of(framework.id.getValue(), role), totals, 1));
            }
        }
        list.sort(Comparator.comparingDouble((FrameworkSlot f) -> shares.get(f.id.getValue()))
                .thenComparing(f -> f.id.getValue()));
        return list;
    }
}

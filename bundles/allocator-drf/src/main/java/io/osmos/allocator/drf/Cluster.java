package io.osmos.allocator.drf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.osmos.api.allocator.Quota;
import io.osmos.api.resources.Resources;

/**
 * Everything the allocator knows: agents, frameworks, weights, quotas, and the ledger of what is
 * offered or used. Allocation and release go through here so that agents and ledger stay in step.
 */
final class Cluster {

    static final double DEFAULT_WEIGHT = 1.0;

    final Map<String, AgentState> agents = new LinkedHashMap<>();
    final Map<String, FrameworkState> frameworks = new LinkedHashMap<>();
    final Ledger ledger = new Ledger();
    private final Map<String, Double> weights = new HashMap<>();
    private final Map<String, Quota> quotas = new HashMap<>();

    /** @param resources carrying allocation_info.role */
    void allocate(AgentState agent, String framework, Resources resources) {
        agent.allocate(framework, resources);
        ledger.track(framework, resources);
    }

    /** @return what of {@code resources} the framework actually held on the agent */
    Resources release(AgentState agent, String framework, Resources resources) {
        Resources released = agent.release(framework, resources);
        ledger.untrack(framework, released);
        return released;
    }

    double weight(String role) {
        return weights.getOrDefault(role, DEFAULT_WEIGHT);
    }

    void setWeight(String role, double weight) {
        if (weight == DEFAULT_WEIGHT) {
            weights.remove(role);
        } else {
            weights.put(role, weight);
        }
    }

    Map<String, Quota> quotas() {
        return quotas;
    }

    /** DRF over the whole cluster's total, whether agents are active or not (as Mesos does). */
    Fairness fairness(Set<String> excluded) {
        Map<String, Long> totals = new HashMap<>();
        for (AgentState agent : agents.values()) {
            agent.total().scalars().forEach((name, amount) -> totals.merge(name, Allocation.toMillis(amount), Long::sum));
        }
        return new Fairness(totals, excluded);
    }

    /** Frameworks that want offers now, by role. */
    Map<String, List<FrameworkState>> wantingByRole() {
        Map<String, List<FrameworkState>> wanting = new LinkedHashMap<>();
        for (FrameworkState framework : frameworks.values()) {
            for (String role : framework.roles()) {
                if (framework.wants(role)) {
                    wanting.computeIfAbsent(role, k -> new ArrayList<>()).add(framework);
                }
            }
        }
        return wanting;
    }
}

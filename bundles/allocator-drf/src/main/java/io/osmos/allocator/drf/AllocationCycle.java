package io.osmos.allocator.drf;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.FrameworkID;

/**
 * One allocation run over some agents, visited in random order. Stage 1 serves roles whose quota
 * guarantee is not yet met, on all agents; stage 2 gives what is left to every role, on all agents.
 * On each agent roles go in hierarchical DRF order and, within a role, frameworks in DRF order;
 * each framework is offered what it may have of the agent unless that is filtered or too small.
 * What is offered counts as allocated at once, so later choices in the same run see it.
 */
final class AllocationCycle {

    private final Cluster cluster;
    private final OfferFilters filters;
    private final Settings settings;
    private final OfferRules rules;
    private final Map<String, List<FrameworkState>> wanting;
    private final Fairness fairness;
    private final QuotaBook quota;
    private final Map<FrameworkID, Map<String, Map<AgentID, Resources>>> offers = new LinkedHashMap<>();

    AllocationCycle(Cluster cluster, OfferFilters filters, Settings settings) {
        this.cluster = cluster;
        this.filters = filters;
        this.settings = settings;
        this.rules = new OfferRules(settings.filterGpuResources());
        this.wanting = cluster.wantingByRole();
        this.fairness = cluster.fairness(settings.fairnessExcluded());
        this.quota = new QuotaBook(cluster.quotas(), cluster.agents.values());
    }

    /** @return the offers, by framework, then role, then agent */
    Map<FrameworkID, Map<String, Map<AgentID, Resources>>> run(Collection<AgentState> candidates, Random random) {
        if (wanting.isEmpty()) {
            return offers;
        }
        List<AgentState> agents = new ArrayList<>();
        for (AgentState agent : candidates) {
            if (agent.active()) {
                agents.add(agent);
            }
        }
        Collections.shuffle(agents, random);
        if (quota.hasGuarantees()) {
            agents.forEach(agent -> visit(agent, true));
        }
        agents.forEach(agent -> visit(agent, false));
        return offers;
    }

    private void visit(AgentState agent, boolean stage1) {
        Resources available = agent.available();
        if (available.isEmpty()) {
            return;
        }
        for (String role : cluster.ledger.roleOrder(wanting.keySet(), fairness, cluster::weight)) {
            if (stage1 && !quota.unsatisfied(role)) {
                continue;
            }
            for (FrameworkState framework : cluster.ledger.frameworkOrder(role, wanting.get(role), fairness)) {
                Resources candidate = quota.fit(role, rules.offerable(framework, agent, role, available), stage1);
                if (!settings.minimum().forFramework(framework.info(), role).allows(candidate)
                        || filters.filtered(framework.id(), role, agent.id(), candidate)) {
                    continue;
                }
                Resources offered = candidate.allocatedTo(role);
                cluster.allocate(agent, framework.id(), offered);
                quota.record(role, offered);
                available = agent.available();
                offers.computeIfAbsent(framework.frameworkId, k -> new LinkedHashMap<>())
                        .computeIfAbsent(role, k -> new LinkedHashMap<>())
                        .merge(agent.agentId, offered, Resources::plus);
                if (available.isEmpty()) {
                    return;
                }
            }
        }
    }
}

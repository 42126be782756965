package io.osmos.master.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.ExecutorInfo;

/**
 * What the read calls need summed up, found in one pass over the master's model (never once per
 * agent or framework): allocated and offered resources by agent and by framework, and the executors
 * the master knows. Built on a consistent view (the master loop, or a read batch holding it).
 */
final class ClusterIndex {

    /** An executor the master knows of, on its agent. */
    record KnownExecutor(ExecutorInfo info, AgentID agentId) {
    }

    private final Map<String, Resources> allocatedByAgent = new HashMap<>();
    private final Map<String, Resources> allocatedByFramework = new HashMap<>();
    private final Map<String, Resources> offeredByAgent = new HashMap<>();
    private final Map<String, Resources> offeredByFramework = new HashMap<>();
    private final Map<String, List<OfferRecord>> offersByFramework = new HashMap<>();
    private final List<KnownExecutor> executors = new ArrayList<>();
    private final Map<String, Resources> allocatedByRole = new java.util.TreeMap<>();
    private final Map<String, Resources> offeredByRole = new java.util.TreeMap<>();
    private final Map<String, java.util.Set<String>> frameworksByRole = new java.util.TreeMap<>();

    ClusterIndex(Cluster cluster) {
        Map<String, KnownExecutor> seen = new LinkedHashMap<>();
        for (FrameworkRecord framework : cluster.frameworks()) {
            for (String role : framework.roles()) {
                frameworksByRole.computeIfAbsent(role, r -> new java.util.LinkedHashSet<>()).add(framework.id());
            }
            for (TaskRecord task : framework.tasks.values()) {
                if (!task.terminal()) {
                    Resources allocated = task.allocated;
                    allocatedByAgent.merge(task.agentId(), allocated, Resources::plus);
                    allocatedByFramework.merge(framework.id(), allocated, Resources::plus);
                    allocatedByRole.merge(task.role, allocated, Resources::plus);
                }
                ExecutorInfo executor = task.executor();
                if (executor != null) {
                    seen.putIfAbsent(framework.id() + '\u0000' + task.agentId() + '\u0000'
                            + executor.getExecutorId().getValue(), new KnownExecutor(executor, task.info.getAgentId()));
                }
            }
        }
        executors.addAll(seen.values());
        for (OfferRecord offer : cluster.offers().all()) {
            offeredByAgent.merge(offer.agentId(), offer.resources(), Resources::plus);
            offeredByFramework.merge(offer.frameworkId(), offer.resources(), Resources::plus);
            offeredByRole.merge(offer.role(), offer.resources(), Resources::plus);
            offersByFramework.computeIfAbsent(offer.frameworkId(), id -> new ArrayList<>()).add(offer);
        }
    }

    Resources allocatedOnAgent(String agentId) {
        return allocatedByAgent.getOrDefault(agentId, Resources.EMPTY);
    }

    Resources offeredOnAgent(String agentId) {
        return offeredByAgent.getOrDefault(agentId, Resources.EMPTY);
    }

    Resources allocatedToFramework(String frameworkId) {
        return allocatedByFramework.getOrDefault(frameworkId, Resources.EMPTY);
    }

    Resources offeredToFramework(String frameworkId) {
        return offeredByFramework.getOrDefault(frameworkId, Resources.EMPTY);
    }

    List<OfferRecord> offersOf(String frameworkId) {
        return offersByFramework.getOrDefault(frameworkId, List.of());
    }

    Resources allocatedToRole(String role) {
        return allocatedByRole.getOrDefault(role, Resources.EMPTY);
    }

    Resources offeredToRole(String role) {
        return offeredByRole.getOrDefault(role, Resources.EMPTY);
    }

    java.util.Set<String> frameworksOfRole(String role) {
        return frameworksByRole.getOrDefault(role, java.util.Set.of());
    }

    /** Every role with a framework, an allocation or an offer. */
    java.util.Set<String> activeRoles() {
        java.util.Set<String> roles = new java.util.TreeSet<>(frameworksByRole.keySet());
        roles.addAll(allocatedByRole.keySet());
        roles.addAll(offeredByRole.keySet());
        return roles;
    }

    List<KnownExecutor> executors() {
        return executors;
    }
}

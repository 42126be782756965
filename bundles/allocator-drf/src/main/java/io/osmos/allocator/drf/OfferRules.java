package io.osmos.allocator.drf;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.AgentInfo;
import io.osmos.proto.v1.FrameworkInfo.Capability.Type;

/**
 * What of an agent's available resources a framework may be offered for a role, given both sides'
 * capabilities: reservations only for the role or its ancestors, nothing from agents that cannot
 * host the framework, and no kinds of resources the framework does not understand.
 */
final class OfferRules {

    private final boolean filterGpuResources;

    /** @param filterGpuResources offer agents with GPUs only to frameworks that can use GPUs (Mesos' default) */
    OfferRules(boolean filterGpuResources) {
        this.filterGpuResources = filterGpuResources;
    }

    Resources offerable(FrameworkState framework, AgentState agent, String role, Resources available) {
        if (framework.has(Type.MULTI_ROLE) && !agent.has(AgentInfo.Capability.Type.MULTI_ROLE)) {
            return Resources.EMPTY;
        }
        if (role.contains("/") && !agent.has(AgentInfo.Capability.Type.HIERARCHICAL_ROLE)) {
            return Resources.EMPTY;
        }
        // Keeps GPU machines free for the workloads that need them.
        if (filterGpuResources && !framework.has(Type.GPU_RESOURCES) && agent.total().scalar("gpus") > 0) {
            return Resources.EMPTY;
        }
        boolean revocable = framework.has(Type.REVOCABLE_RESOURCES);
        boolean shared = framework.has(Type.SHARED_RESOURCES);
        boolean refined = framework.has(Type.RESERVATION_REFINEMENT);
        return available.allocatableTo(role).filter(r -> (revocable || !r.hasRevocable())
                && (shared || !r.hasShared()) && (refined || r.getReservationsCount() <= 1));
    }
}

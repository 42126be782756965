package io.osmos.master.impl;

import java.util.List;
import java.util.Map;
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

/** Stands in while no allocator is bound: it offers nothing, and the next allocator is re-fed. */
enum NoAllocator implements Allocator {
    INSTANCE;

    @Override
    public void initialize(AllocatorContext context) {
    }

    @Override
    public void addAgent(AgentID agent, AgentInfo info, List<AgentInfo.Capability> capabilities, Resources total,
            Map<FrameworkID, Resources> used) {
    }

    @Override
    public void updateAgent(AgentID agent, AgentInfo info, List<AgentInfo.Capability> capabilities, Resources total) {
    }

    @Override
    public void removeAgent(AgentID agent) {
    }

    @Override
    public void activateAgent(AgentID agent) {
    }

    @Override
    public void deactivateAgent(AgentID agent) {
    }

    @Override
    public void addFramework(FrameworkID framework, FrameworkInfo info, Map<AgentID, Resources> used, boolean active,
            Set<String> suppressedRoles) {
    }

    @Override
    public void updateFramework(FrameworkID framework, FrameworkInfo info, Set<String> suppressedRoles) {
    }

    @Override
    public void removeFramework(FrameworkID framework) {
    }

    @Override
    public void activateFramework(FrameworkID framework) {
    }

    @Override
    public void deactivateFramework(FrameworkID framework) {
    }

    @Override
    public void recoverResources(FrameworkID framework, AgentID agent, Resources resources, Filters filters) {
    }

    @Override
    public void suppressOffers(FrameworkID framework, Set<String> roles) {
    }

    @Override
    public void reviveOffers(FrameworkID framework, Set<String> roles) {
    }

    @Override
    public void updateWeights(Map<String, Double> weights) {
    }

    @Override
    public void updateQuota(String role, Quota quota) {
    }

    @Override
    public void allocate() {
    }
}

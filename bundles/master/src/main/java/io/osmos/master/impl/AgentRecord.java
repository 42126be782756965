package io.osmos.master.impl;

import java.util.List;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.AgentInfo;

/** What the master knows of one agent; replaced whole on every change (immutable). */
record AgentRecord(AgentInfo info, List<AgentInfo.Capability> capabilities, String version, String endpoint,
        long registeredNanos, long reregisteredNanos, boolean active, String streamId) {

    AgentRecord {
        capabilities = List.copyOf(capabilities);
    }

    String id() {
        return info.getId().getValue();
    }

    AgentRecord reregistered(AgentInfo newInfo, List<AgentInfo.Capability> newCapabilities, String newVersion,
            String newEndpoint, long nowNanos, String newStreamId) {
        return new AgentRecord(newInfo, newCapabilities, newVersion, newEndpoint, registeredNanos, nowNanos, true,
                newStreamId);
    }

    /**
     * The agent's total as the master sees it: {@code agent_info.resources}, which the agent reports
     * as its checkpointed total (static and dynamic reservations, persistent volumes) when it
     * subscribes, and which operations change in between.
     */
    Resources total() {
        return Resources.of(info.getResourcesList());
    }

    /** The same agent after an operation changed its total. */
    AgentRecord withTotal(Resources total) {
        AgentInfo changed = info.toBuilder().clearResources().addAllResources(total.toList()).build();
        return new AgentRecord(changed, capabilities, version, endpoint, registeredNanos, reregisteredNanos, active,
                streamId);
    }

    boolean has(AgentInfo.Capability.Type capability) {
        return capabilities.stream().anyMatch(c -> c.getType() == capability);
    }

    /** As Mesos names an agent in messages: {@code <id> at slave(1)@<host:port> (<hostname>)}. */
    String describe() {
        return id() + " at slave(1)@" + endpoint + " (" + info.getHostname() + ")";
    }

    AgentRecord disconnected() {
        return new AgentRecord(info, capabilities, version, endpoint, registeredNanos, reregisteredNanos, false, null);
    }
}

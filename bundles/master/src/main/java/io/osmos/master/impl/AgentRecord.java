package io.osmos.master.impl;

import java.util.List;

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

    AgentRecord disconnected() {
        return new AgentRecord(info, capabilities, version, endpoint, registeredNanos, reregisteredNanos, false, null);
    }
}

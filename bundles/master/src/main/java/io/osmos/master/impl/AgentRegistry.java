package io.osmos.master.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.AgentInfo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents known to this master. Written only from the master loop; read from any thread
 * (each record is immutable, so a reader sees an agent either before or after a change).
 */
final class AgentRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(AgentRegistry.class);

    private final String masterId;
    private final AtomicLong nextAgentNumber = new AtomicLong();
    private final Map<String, AgentRecord> agents = new ConcurrentHashMap<>();

    AgentRegistry(String masterId) {
        this.masterId = masterId;
    }

    /**
     * Registers an agent, or re-registers it when it presents an id (the master may have restarted
     * meanwhile, so an unknown id is accepted as a re-registration, as Mesos does after failover).
     */
    AgentRecord subscribe(AgentInfo offered, List<AgentInfo.Capability> capabilities, String version, String endpoint,
            String streamId, long nowNanos) {
        if (offered.hasId() && !offered.getId().getValue().isEmpty()) {
            String id = offered.getId().getValue();
            AgentRecord previous = agents.get(id);
            AgentRecord record = previous == null
                    ? new AgentRecord(offered, capabilities, version, endpoint, nowNanos, nowNanos, true, streamId)
                    : previous.reregistered(offered, capabilities, version, endpoint, nowNanos, streamId);
            agents.put(id, record);
            LOG.info("Agent {} at {} re-registered ({})", id, endpoint, previous == null ? "unknown before" : "known");
            return record;
        }
        AgentID id = AgentID.newBuilder().setValue(masterId + "-S" + nextAgentNumber.getAndIncrement()).build();
        AgentInfo info = offered.toBuilder().setId(id).build();
        AgentRecord record = new AgentRecord(info, capabilities, version, endpoint, nowNanos, 0, true, streamId);
        agents.put(id.getValue(), record);
        LOG.info("Agent {} at {} registered with {} resources", id.getValue(), endpoint, info.getResourcesCount());
        return record;
    }

    /** Marks the agent disconnected if the closed stream is still its current one. */
    void streamClosed(String agentId, String streamId) {
        AgentRecord record = agents.get(agentId);
        if (record != null && streamId.equals(record.streamId())) {
            agents.put(agentId, record.disconnected());
            LOG.warn("Agent {} disconnected", agentId);
        }
    }

    /** Replaces the agent's total after an operation changed it; nothing if the agent is unknown. */
    void updateTotal(String agentId, io.osmos.api.resources.Resources total) {
        agents.computeIfPresent(agentId, (id, record) -> record.withTotal(total));
    }

    /** Forgets an agent (marked gone). */
    void remove(String agentId) {
        agents.remove(agentId);
    }

    Optional<AgentRecord> get(String agentId) {
        return Optional.ofNullable(agents.get(agentId));
    }

    Collection<AgentRecord> all() {
        List<AgentRecord> list = new ArrayList<>(agents.values());
        list.sort((a, b) -> a.id().compareTo(b.id()));
        return Collections.unmodifiableList(list);
    }
}

package io.osmos.master.impl;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.osmos.proto.v1.AgentID;
import io.osmos.proto.v1.DrainConfig;
import io.osmos.proto.v1.DrainInfo;
import io.osmos.proto.v1.DrainState;
import io.osmos.proto.v1.KillPolicy;
import io.osmos.proto.v1.scheduler.Call;
import io.osmos.proto.internal.AgentEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's hold on agents: DEACTIVATE_AGENT / REACTIVATE_AGENT (no offers while deactivated),
 * DRAIN_AGENT (deactivate, kill every task with at most the given grace period, DRAINED once none is
 * left, then gone if asked) and MARK_AGENT_GONE (tasks end TASK_GONE_BY_OPERATOR, the agent is shut
 * down and never admitted again). Loop-confined.
 */
final class AgentMaintenance {

    private static final Logger LOG = LoggerFactory.getLogger(AgentMaintenance.class);
    static final String UNKNOWN_AGENT = "No agent found with specified ID";

    private final Cluster cluster;
    private final TaskUpdates updates;
    private final Set<String> deactivated = new HashSet<>();
    private final Map<String, DrainInfo> draining = new HashMap<>();
    private final Set<String> gone = new HashSet<>();

    AgentMaintenance(Cluster cluster, TaskUpdates updates) {
        this.cluster = cluster;
        this.updates = updates;
    }

    /** What the registry held when the master recovered. */
    void restore(List<io.osmos.proto.internal.AgentMaintenance> states) {
        for (io.osmos.proto.internal.AgentMaintenance state : states) {
            if (state.getGone()) {
                gone.add(state.getAgentId());
                continue;
            }
            if (state.getDeactivated()) {
                deactivated.add(state.getAgentId());
            }
            if (state.hasDrainInfo()) {
                draining.put(state.getAgentId(), state.getDrainInfo());
            }
        }
    }

    /** Sends the agent's maintenance state to the registry (the operator's call is answered after it). */
    private void persist(String agentId) {
        io.osmos.proto.internal.AgentMaintenance.Builder state = io.osmos.proto.internal.AgentMaintenance.newBuilder()
                .setAgentId(agentId).setDeactivated(deactivated.contains(agentId)).setGone(gone.contains(agentId));
        if (draining.containsKey(agentId)) {
            state.setDrainInfo(draining.get(agentId));
        }
        cluster.registry().write(io.osmos.proto.internal.RegistryOperation.newBuilder().setSetMaintenance(state)
                .build());
    }

    boolean isDeactivated(String agentId) {
        return deactivated.contains(agentId);
    }

    boolean isGone(String agentId) {
        return gone.contains(agentId);
    }

    DrainInfo drainInfo(String agentId) {
        return draining.get(agentId);
    }

    /** @return null when done, else why the call is invalid */
    String deactivate(String agentId) {
        if (!known(agentId)) {
            return UNKNOWN_AGENT;
        }
        if (deactivated.add(agentId)) {
            cluster.allocator().get().deactivateAgent(id(agentId));
            cluster.offers().rescindForAgent(agentId);
            persist(agentId);
            LOG.info("Agent {} deactivated by the operator", agentId);
        }
        return null;
    }

    /** Ends a deactivation, or a drain, as Mesos' REACTIVATE_AGENT does. */
    String reactivate(String agentId) {
        if (!known(agentId)) {
            return UNKNOWN_AGENT;
        }
        boolean wasDraining = draining.remove(agentId) != null;
        boolean wasDeactivated = deactivated.remove(agentId);
        if (wasDraining || wasDeactivated) {
            persist(agentId);
        }
        if (wasDeactivated) {
            if (cluster.agents().get(agentId).map(AgentRecord::active).orElse(false)) {
                cluster.allocator().get().activateAgent(id(agentId));
            }
            LOG.info("Agent {} reactivated by the operator", agentId);
        }
        return null;
    }

    String drain(String agentId, DrainConfig config) {
        if (!known(agentId)) {
            return UNKNOWN_AGENT;
        }
        deactivate(agentId);
        draining.put(agentId, DrainInfo.newBuilder().setState(DrainState.DRAINING).setConfig(config).build());
        persist(agentId);
        LOG.info("Draining agent {} (max grace period {} ns, mark gone {})", agentId,
                config.hasMaxGracePeriod() ? config.getMaxGracePeriod().getNanoseconds() : "none", config.getMarkGone());
        for (TaskRecord task : cluster.tasksOn(agentId)) {
            if (!task.terminal()) {
                Call.Kill.Builder kill = Call.Kill.newBuilder().setTaskId(task.info.getTaskId())
                        .setAgentId(task.info.getAgentId());
                if (config.hasMaxGracePeriod()) {
                    kill.setKillPolicy(KillPolicy.newBuilder().setGracePeriod(config.getMaxGracePeriod()));
                }
                updates.kill(cluster.framework(task.task.getFrameworkId().getValue()), kill.build());
            }
        }
        checkDrained(agentId);
        return null;
    }

    /** After a task on the agent changed: a draining agent with no live task left is DRAINED. */
    void checkDrained(String agentId) {
        DrainInfo drain = draining.get(agentId);
        if (drain == null || drain.getState() == DrainState.DRAINED
                || cluster.tasksOn(agentId).stream().anyMatch(task -> !task.terminal())) {
            return;
        }
        draining.put(agentId, drain.toBuilder().setState(DrainState.DRAINED).build());
        persist(agentId);
        LOG.info("Agent {} is drained", agentId);
        if (drain.getConfig().getMarkGone()) {
            markGone(agentId);
        }
    }

    String markGone(String agentId) {
        if (!known(agentId)) {
            return UNKNOWN_AGENT;
        }
        gone.add(agentId);
        for (TaskRecord task : List.copyOf(cluster.tasksOn(agentId))) {
            updates.goneByOperator(cluster.framework(task.task.getFrameworkId().getValue()), task);
        }
        cluster.offers().rescindForAgent(agentId);
        cluster.operations().agentGone(agentId);
        cluster.allocator().get().removeAgent(id(agentId));
        // The agent is told to stop every executor, then that it is gone (it is refused from now on).
        Set<io.osmos.proto.v1.FrameworkID> frameworks = new HashSet<>();
        cluster.frameworks().forEach(framework -> frameworks.add(framework.id));
        for (io.osmos.proto.v1.FrameworkID framework : frameworks) {
            cluster.sendToAgent(agentId, AgentEvent.newBuilder().setType(AgentEvent.Type.SHUTDOWN_FRAMEWORK)
                    .setShutdownFramework(AgentEvent.ShutdownFramework.newBuilder().setFrameworkId(framework)).build());
        }
        cluster.sendToAgent(agentId, AgentEvent.newBuilder().setType(AgentEvent.Type.ERROR)
                .setError(AgentEvent.Error.newBuilder().setMessage("Agent has been marked gone by the operator"))
                .build());
        cluster.closeAgentStream(agentId);
        cluster.agents().remove(agentId);
        deactivated.remove(agentId);
        draining.remove(agentId);
        persist(agentId);
        cluster.events().agentRemoved(agentId);
        LOG.warn("Agent {} marked gone by the operator", agentId);
        return null;
    }

    private boolean known(String agentId) {
        return !gone.contains(agentId) && (cluster.agents().get(agentId).isPresent()
                || cluster.recovery().isRecoveredAgent(agentId));
    }

    private static AgentID id(String agentId) {
        return AgentID.newBuilder().setValue(agentId).build();
    }
}

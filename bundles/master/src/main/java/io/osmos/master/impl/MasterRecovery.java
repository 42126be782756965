package io.osmos.master.impl;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.osmos.api.registry.Registry;
import io.osmos.proto.internal.RegisteredAgent;
import io.osmos.proto.internal.RegistryOperation;
import io.osmos.proto.internal.RegistryState;
import io.osmos.proto.internal.UnreachableAgent;
import io.osmos.proto.v1.AgentInfo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's failover, as Mesos' master recovers from its registrar: when the first registry is
 * bound, its state is read back (weights, quotas and maintenance restored and fed to the
 * allocator; the agents it holds become "recovered", waiting to re-register); until then every read
 * answers 503. Agents that do not re-register within {@code agent_reregister_timeout} are marked
 * unreachable in the registry. Loop-confined, except {@link #recovered()} and the recovered agents,
 * which readers see.
 */
final class MasterRecovery {

    static final String NOT_RECOVERED = io.osmos.master.api.CallOutcome.NOT_RECOVERED.message();
    private static final Logger LOG = LoggerFactory.getLogger(MasterRecovery.class);

    private final Master master;
    private final RegistryLink link;
    private final long reregisterTimeoutMillis;
    private final Map<String, RegisteredAgent> recoveredAgents = new ConcurrentHashMap<>();
    private final java.util.Set<String> unreachableAgents = ConcurrentHashMap.newKeySet();
    private volatile boolean recovered;
    private boolean recovering;
    private ScheduledFuture<?> timeout;

    MasterRecovery(Master master, RegistryLink link, double reregisterTimeoutSeconds) {
        this.master = master;
        this.link = link;
        this.reregisterTimeoutMillis = (long) (reregisterTimeoutSeconds * 1000);
    }

    /** True once the registry was read back: the master answers reads and admits agents. */
    boolean recovered() {
        return recovered;
    }

    /** Agents in the registry that have not re-registered since the master started. */
    Collection<AgentInfo> recoveredAgents() {
        return recoveredAgents.values().stream().map(RegisteredAgent::getInfo)
                .filter(info -> !master.maintenance().isGone(info.getId().getValue())).toList();
    }

    boolean isRecoveredAgent(String agentId) {
        return recoveredAgents.containsKey(agentId);
    }

    /** Marked unreachable (after a failover, it did not re-register in time) and not back since. */
    boolean isUnreachableAgent(String agentId) {
        return unreachableAgents.contains(agentId);
    }

    /** A registry was bound: the first one is recovered from; later ones (swaps) just take the writes. */
    void bind(Registry registry) {
        link.bind(registry);
        if (recovered || recovering) {
            return;
        }
        recovering = true;
        long start = System.nanoTime();
        registry.recover().whenComplete((state, error) -> master.loop().execute(() -> {
            recovering = false;
            if (error != null) {
                LOG.error("Cannot recover the registry; the master stays unavailable until a registry recovers: {}",
                        error.toString());
                return;
            }
            if (!recovered) {
                restore(state);
                LOG.info("Master recovered from the registry in {} ms: {} agents to re-register within {} s,"
                        + " {} weights, {} quotas, {} agents under maintenance, {} frameworks",
                        (System.nanoTime() - start) / 1_000_000, state.getAgentsCount(),
                        reregisterTimeoutMillis / 1000.0, state.getWeightsCount(), state.getQuotaConfigsCount(),
                        state.getMaintenanceCount(), state.getFrameworksCount());
            }
        }));
    }

    void unbind(Registry registry) {
        link.unbind(registry);
    }

    /** Loop only. Also used by tests. */
    void restore(RegistryState state) {
        Cluster cluster = master.cluster();
        cluster.roles().restore(state.getWeightsList(), state.getQuotaConfigsList());
        cluster.roles().feed(cluster.allocator().get());
        master.maintenance().restore(state.getMaintenanceList());
        state.getUnreachableList().forEach(agent -> unreachableAgents.add(agent.getId().getValue()));
        for (RegisteredAgent agent : state.getAgentsList()) {
            String id = agent.getInfo().getId().getValue();
            if (master.agents().get(id).isEmpty() && !master.maintenance().isGone(id)) {
                recoveredAgents.put(id, agent);
            }
        }
        if (!recoveredAgents.isEmpty()) {
            timeout = master.loop().after(reregisterTimeoutMillis, TimeUnit.MILLISECONDS, this::reregisterTimeout);
        }
        recovered = true;
    }

    /** An agent (re-)registered: it is no longer waiting; the registry holds its new info. */
    CompletableFuture<Void> admitted(AgentRecord agent) {
        recoveredAgents.remove(agent.id());
        unreachableAgents.remove(agent.id());
        return link.write(RegistryOperation.newBuilder().setAdmitAgent(
                RegisteredAgent.newBuilder().setInfo(agent.info()).addAllCapabilities(agent.capabilities())
                        .setVersion(agent.version() == null ? "" : agent.version())
                        .setEndpoint(agent.endpoint() == null ? "" : agent.endpoint())
                        .setRegisteredTimeNanos(agent.registeredNanos())).build());
    }

    private void reregisterTimeout() {
        timeout = null;
        long now = System.currentTimeMillis() * 1_000_000L;
        for (RegisteredAgent agent : List.copyOf(recoveredAgents.values())) {
            String id = agent.getInfo().getId().getValue();
            recoveredAgents.remove(id);
            if (master.maintenance().isGone(id)) {
                continue;
            }
            LOG.warn("Agent {} ({}) did not re-register within {} s after the master's failover: marked unreachable",
                    id, agent.getInfo().getHostname(), reregisterTimeoutMillis / 1000.0);
            markUnreachable(agent.getInfo(), now);
        }
    }

    /** An agent that was connected and stayed away too long: the registry records it unreachable. */
    void markUnreachable(AgentInfo agent) {
        markUnreachable(agent, System.currentTimeMillis() * 1_000_000L);
    }

    private void markUnreachable(AgentInfo agent, long nowNanos) {
        unreachableAgents.add(agent.getId().getValue());
        link.write(RegistryOperation.newBuilder().setMarkUnreachable(UnreachableAgent.newBuilder()
                .setId(agent.getId()).setUnreachableTimeNanos(nowNanos)).build());
    }

    void stop() {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }
}

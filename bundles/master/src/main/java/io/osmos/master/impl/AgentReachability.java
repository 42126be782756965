package io.osmos.master.impl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.osmos.proto.v1.AgentID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks an agent unreachable once it has stayed disconnected for {@code agent_ping_timeout ×
 * max_agent_ping_timeouts} (Mesos' health-check budget, 75 s by default): its tasks are reported
 * TASK_UNREACHABLE (TASK_LOST to frameworks that are not partition-aware), its offers and pending
 * operations end, it leaves the allocator, and the registry records it, so that a master started
 * later knows it too. The agent may come back: it then re-registers as after a failover and the
 * master learns its tasks from it again. Loop-confined.
 */
final class AgentReachability {

    private static final Logger LOG = LoggerFactory.getLogger(AgentReachability.class);

    private final Cluster cluster;
    private final TaskUpdates updates;
    private final AgentMaintenance maintenance;
    private final long timeoutMillis;
    private final Map<String, ScheduledFuture<?>> disconnected = new HashMap<>();

    AgentReachability(Cluster cluster, TaskUpdates updates, AgentMaintenance maintenance, long timeoutMillis) {
        this.cluster = cluster;
        this.updates = updates;
        this.maintenance = maintenance;
        this.timeoutMillis = timeoutMillis;
    }

    void disconnected(String agentId) {
        cancel(agentId);
        disconnected.put(agentId, cluster.loop().after(timeoutMillis, TimeUnit.MILLISECONDS, () -> timedOut(agentId)));
    }

    void reconnected(String agentId) {
        cancel(agentId);
    }

    void stop() {
        disconnected.values().forEach(timer -> timer.cancel(false));
        disconnected.clear();
    }

    private void cancel(String agentId) {
        ScheduledFuture<?> timer = disconnected.remove(agentId);
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void timedOut(String agentId) {
        disconnected.remove(agentId);
        AgentRecord agent = cluster.agents().get(agentId).orElse(null);
        if (agent == null || agent.active() || maintenance.isGone(agentId)) {
            return;
        }
        String why = "Agent " + agent.describe() + " is unreachable: disconnected for more than "
                + timeoutMillis / 1000.0 + " s";
        LOG.warn("{}; its tasks are reported unreachable (lost to frameworks that are not partition-aware)", why);
        for (TaskRecord task : List.copyOf(cluster.tasksOn(agentId))) {
            FrameworkRecord framework = cluster.framework(task.task.getFrameworkId().getValue());
            if (framework != null) {
                updates.unreachable(framework, task, why);
            }
        }
        cluster.offers().rescindForAgent(agentId);
        cluster.operations().agentUnreachable(agentId);
        cluster.allocator().get().removeAgent(AgentID.newBuilder().setValue(agentId).build());
        cluster.agents().remove(agentId);
        cluster.recovery().markUnreachable(agent.info());
        cluster.events().agentRemoved(agentId);
    }
}

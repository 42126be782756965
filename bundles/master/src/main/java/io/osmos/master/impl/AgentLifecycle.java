package io.osmos.master.impl;

import io.osmos.api.task.TaskStates;
import io.osmos.api.resources.Resources;
import io.osmos.proto.internal.AgentCall;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.Task;
import io.osmos.proto.v1.scheduler.Event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What agents coming, going and calling mean for frameworks, tasks and the allocator.
 * Loop-confined.
 */
final class AgentLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(AgentLifecycle.class);

    private final Cluster cluster;
    private final TaskUpdates updates;
    private final AgentMaintenance maintenance;
    private final AgentReachability reachability;

    AgentLifecycle(Cluster cluster, TaskUpdates updates, AgentMaintenance maintenance, long unreachableAfterMillis) {
        this.cluster = cluster;
        this.updates = updates;
        this.maintenance = maintenance;
        this.reachability = new AgentReachability(cluster, updates, maintenance, unreachableAfterMillis);
    }

    void stop() {
        reachability.stop();
    }

    /** After the registry took the agent in: learn what runs on it, then let the allocator offer it. */
    void subscribed(AgentRecord agent, boolean knownBefore, AgentCall.Subscribe subscribe) {
        reachability.reconnected(agent.id());
        java.util.Set<String> reported = new java.util.HashSet<>();
        for (Task task : subscribe.getTasksList()) {
            reported.add(task.getTaskId().getValue());
            learn(agent, task, subscribe);
        }
        Resources total = Resources.of(agent.info().getResourcesList());
        if (knownBefore) {
            resendLostLaunches(agent, reported);
            // Its checkpointed total now holds: operations it did not answer are dropped, offers made
            // of the master's view are taken back.
            cluster.operations().agentSubscribed(agent.id());
            cluster.offers().rescindForAgent(agent.id());
            cluster.allocator().get().updateAgent(agent.info().getId(), agent.info(), agent.capabilities(), total);
            if (!maintenance.isDeactivated(agent.id())) {
                cluster.allocator().get().activateAgent(agent.info().getId());
            }
        } else {
            java.util.Map<io.osmos.proto.v1.FrameworkID, Resources> used = new java.util.HashMap<>();
            for (TaskRecord task : cluster.tasksOn(agent.id())) {
                if (!task.terminal()) {
                    used.merge(task.task.getFrameworkId(), task.allocated, Resources::plus);
                }
            }
            cluster.allocator().get().addAgent(agent.info().getId(), agent.info(), agent.capabilities(), total, used);
            if (maintenance.isDeactivated(agent.id())) {
                // Deactivated (or draining) before the master failed over: still no offers.
                cluster.allocator().get().deactivateAgent(agent.info().getId());
            }
            cluster.events().agentAdded(agent);
            forgetUnreported(agent, reported);
        }
    }

    /**
     * Launches the agent does not report although the master sent them: the agent went down as they
     * were sent (an update of its bundle, say) and never got them. They are sent again, once per launch
     * (a group once), on the new stream, which holds them until the agent is told it is registered.
     * The agent reports every task it has, queued ones included, so none of these runs twice.
     */
    private void resendLostLaunches(AgentRecord agent, java.util.Set<String> reported) {
        // A group is one launch: sent again only if the agent has none of its tasks.
        java.util.Map<io.osmos.proto.internal.AgentEvent, java.util.List<TaskRecord>> launches =
                new java.util.IdentityHashMap<>();
        for (TaskRecord task : cluster.tasksOn(agent.id())) {
            if (task.launch != null) {
                launches.computeIfAbsent(task.launch, launch -> new java.util.ArrayList<>()).add(task);
            }
        }
        launches.forEach((launch, tasks) -> {
            boolean lost = tasks.stream().noneMatch(task -> reported.contains(task.id()))
                    && tasks.stream().allMatch(task -> task.latestState == io.osmos.proto.v1.TaskState.TASK_STAGING);
            if (lost) {
                LOG.warn("Agent {} re-registered without task(s) {}: their launch was lost on the way; launching again",
                        agent.id(), tasks.stream().map(TaskRecord::id).toList());
                cluster.sendToAgent(agent.id(), launch);
            } else {
                tasks.forEach(task -> task.launch = null);
            }
        });
    }

    /** Tasks reported unreachable while the agent was away that it no longer has: they are gone. */
    private void forgetUnreported(AgentRecord agent, java.util.Set<String> reported) {
        for (TaskRecord task : java.util.List.copyOf(cluster.tasksOn(agent.id()))) {
            if (task.latestState == io.osmos.proto.v1.TaskState.TASK_UNREACHABLE && !reported.contains(task.id())) {
                FrameworkRecord framework = cluster.framework(task.task.getFrameworkId().getValue());
                if (framework != null) {
                    updates.notReported(framework, task, "Agent " + agent.describe()
                            + " came back without this task");
                }
            }
        }
    }

    /** A task the master did not know (it restarted): adopt it, under a recovered framework if need be. */
    private void learn(AgentRecord agent, Task task, AgentCall.Subscribe subscribe) {
        String frameworkId = task.getFrameworkId().getValue();
        FrameworkRecord framework = cluster.framework(frameworkId);
        if (framework == null) {
            FrameworkInfo info = subscribe.getFrameworksList().stream()
                    .filter(f -> f.getId().getValue().equals(frameworkId)).findFirst()
                    .orElse(FrameworkInfo.newBuilder().setId(task.getFrameworkId()).setUser("").setName("").build());
            framework = new FrameworkRecord(task.getFrameworkId(), info, System.currentTimeMillis() * 1_000_000L);
            cluster.add(framework);
            cluster.allocator().get().addFramework(framework.id, info, java.util.Map.of(), false, java.util.Set.of());
            LOG.info("Recovered framework {} from agent {}", frameworkId, agent.id());
        }
        TaskRecord known = framework.tasks.get(task.getTaskId().getValue());
        if (known != null && known.latestState != io.osmos.proto.v1.TaskState.TASK_UNREACHABLE) {
            return;
        }
        // Known, but reported unreachable while its agent was away: the agent's word holds again.
        Resources resources = Resources.of(task.getResourcesList()).withoutAllocationInfo();
        String role = task.getResourcesList().stream().filter(r -> r.hasAllocationInfo())
                .map(r -> r.getAllocationInfo().getRole()).findFirst()
                .orElse(Roles.of(framework.info).stream().findFirst().orElse("*"));
        io.osmos.proto.v1.TaskInfo info = io.osmos.proto.v1.TaskInfo.newBuilder().setName(task.getName())
                .setTaskId(task.getTaskId()).setAgentId(task.getAgentId()).addAllResources(task.getResourcesList())
                .build();
        framework.tasks.put(task.getTaskId().getValue(), new TaskRecord(info, role, resources, task));
        if (!TaskStates.terminal(task.getState()) && cluster.allocator().bound()) {
            cluster.allocator().get().updateFramework(framework.id, framework.info, framework.suppressedRoles);
        }
    }

    void disconnected(String agentId) {
        if (maintenance.isGone(agentId)) {
            return;
        }
        cluster.allocator().get().deactivateAgent(io.osmos.proto.v1.AgentID.newBuilder().setValue(agentId).build());
        cluster.offers().rescindForAgent(agentId);
        reachability.disconnected(agentId);
    }

    /** A call from a subscribed agent. */
    CallResult call(String agentId, AgentCall call) {
        switch (call.getType()) {
            case STATUS_UPDATE -> {
                updates.fromAgent(agentId, call.getStatusUpdate());
                maintenance.checkDrained(agentId);
            }
            case EXECUTOR_EXITED -> executorExited(agentId, call.getExecutorExited());
            case EXECUTOR_MESSAGE -> executorMessage(agentId, call.getExecutorMessage());
            case OPERATION_STATUS -> {
                if (!call.hasOperationStatus()) {
                    return CallResult.badRequest("Expecting 'operation_status' to be present");
                }
                cluster.operations().statusFromAgent(agentId, call.getOperationStatus());
            }
            default -> {
                return CallResult.badRequest("Unexpected agent call " + call.getType());
            }
        }
        return CallResult.ACCEPTED;
    }

    private void executorExited(String agentId, AgentCall.ExecutorExited exited) {
        FrameworkRecord framework = cluster.framework(exited.getFrameworkId().getValue());
        if (framework != null && framework.connected()) {
            framework.stream.send(Event.newBuilder().setType(Event.Type.FAILURE).setFailure(Event.Failure.newBuilder()
                    .setAgentId(io.osmos.proto.v1.AgentID.newBuilder().setValue(agentId))
                    .setExecutorId(exited.getExecutorId()).setStatus(exited.getStatus())).build());
        }
    }

    private void executorMessage(String agentId, AgentCall.ExecutorMessage message) {
        FrameworkRecord framework = cluster.framework(message.getFrameworkId().getValue());
        if (framework != null && framework.connected()) {
            framework.stream.send(Event.newBuilder().setType(Event.Type.MESSAGE).setMessage(Event.Message.newBuilder()
                    .setAgentId(io.osmos.proto.v1.AgentID.newBuilder().setValue(agentId))
                    .setExecutorId(message.getExecutorId()).setData(message.getData())).build());
        }
    }
}

package io.osmos.master.impl;

import io.osmos.api.task.TaskStates;
import java.util.List;


import io.osmos.proto.internal.AgentCall;
import io.osmos.proto.internal.AgentEvent;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.TaskID;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.scheduler.Call;
import io.osmos.proto.v1.scheduler.Event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task status traffic: updates from agents to frameworks, acknowledgements back, reconciliation,
 * kills, and the updates the master makes itself (TASK_ERROR, TASK_DROPPED). Loop-confined.
 */
final class TaskUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(TaskUpdates.class);

    private final Cluster cluster;

    TaskUpdates(Cluster cluster) {
        this.cluster = cluster;
    }

    /** A status update from an agent: record it, free resources if terminal, forward it. */
    void fromAgent(String agentId, AgentCall.StatusUpdate update) {
        TaskStatus status = update.getStatus();
        FrameworkRecord framework = cluster.framework(update.getFrameworkId().getValue());
        if (framework == null) {
            LOG.warn("Status update {} for task {} of unknown framework {}", status.getState(),
                    status.getTaskId().getValue(), update.getFrameworkId().getValue());
            return;
        }
        TaskRecord task = framework.tasks.get(status.getTaskId().getValue());
        if (task != null) {
            task.launch = null;
            record(framework, task, status, update.hasLatestState() ? update.getLatestState() : status.getState());
        }
        if (framework.connected()) {
            framework.stream.send(Event.newBuilder().setType(Event.Type.UPDATE)
                    .setUpdate(Event.Update.newBuilder().setStatus(status)).build());
        }
        if (task != null && !status.hasUuid() && task.terminal()) {
            complete(framework, task);
        }
    }

    private void record(FrameworkRecord framework, TaskRecord task, TaskStatus status, TaskState latest) {
        boolean wasTerminal = task.terminal();
        task.latestState = latest;
        task.lastStatus = status;
        task.task = task.task.toBuilder().setState(status.getState()).addStatuses(status.toBuilder().clearData())
                .build();
        cluster.events().taskUpdated(framework.id, status, latest);
        if (!wasTerminal && task.terminal()) {
            cluster.taskCounters().ended(latest);
            cluster.allocator().recoverResources(framework.id, task.info.getAgentId(),
                    task.allocated, null);
        }
    }

    /** ACKNOWLEDGE from a framework: passed to the agent; an acknowledged terminal update completes the task. */
    CallResult acknowledge(FrameworkRecord framework, Call.Acknowledge ack) {
        TaskRecord task = framework.tasks.get(ack.getTaskId().getValue());
        cluster.sendToAgent(ack.getAgentId().getValue(), AgentEvent.newBuilder().setType(AgentEvent.Type.ACKNOWLEDGE)
                .setAcknowledge(AgentEvent.Acknowledge.newBuilder().setFrameworkId(framework.id)
                        .setTaskId(ack.getTaskId()).setUuid(ack.getUuid()))
                .build());
        if (task != null && task.lastStatus != null && task.lastStatus.getUuid().equals(ack.getUuid())
                && TaskStates.terminal(task.lastStatus.getState())) {
            complete(framework, task);
        }
        return CallResult.ACCEPTED;
    }

    private void complete(FrameworkRecord framework, TaskRecord task) {
        framework.tasks.remove(task.id());
        framework.completed.put(task.id(), task);
        while (framework.completed.size() > Cluster.MAX_COMPLETED_TASKS_PER_FRAMEWORK) {
            framework.completed.remove(framework.completed.keySet().iterator().next());
        }
    }

    /** RECONCILE: the latest state of the named tasks, or of all when none is named. */
    void reconcile(FrameworkRecord framework, List<Call.Reconcile.Task> asked) {
        if (asked.isEmpty()) {
            for (TaskRecord task : framework.tasks.values()) {
                send(framework, reconciled(framework, task));
            }
            return;
        }
        for (Call.Reconcile.Task wanted : asked) {
            TaskRecord task = framework.tasks.get(wanted.getTaskId().getValue());
            if (task == null) {
                task = framework.completed.get(wanted.getTaskId().getValue());
            }
            if (task != null) {
                send(framework, reconciled(framework, task));
            } else if (!wanted.hasAgentId()) {
                send(framework, unknown(framework, wanted.getTaskId(), null, "Reconciliation: Task is unknown"));
            } else {
                TaskStatus status = unknownOn(framework, wanted.getTaskId(), wanted.getAgentId());
                if (status != null) {
                    send(framework, status);
                }
            }
        }
    }

    /**
     * A task the master does not know, on a named agent, as Mesos' {@code _reconcileTasks} answers:
     * nothing while the agent is recovered but has not re-registered yet (the framework asks again),
     * else by what became of the agent.
     */
    private TaskStatus unknownOn(FrameworkRecord framework, TaskID taskId, io.osmos.proto.v1.AgentID agentId) {
        String id = agentId.getValue();
        boolean partitionAware = framework.hasCapability(FrameworkInfo.Capability.Type.PARTITION_AWARE);
        TaskStatus status = unknown(framework, taskId, agentId, "Reconciliation: Task is unknown");
        if (cluster.recovery().isRecoveredAgent(id)) {
            return null;
        } else if (cluster.agents().get(id).isPresent()) {
            return status.toBuilder().setState(partitionAware ? TaskState.TASK_GONE : TaskState.TASK_LOST)
                    .setMessage("Reconciliation: Task is unknown to the agent").build();
        } else if (cluster.recovery().isUnreachableAgent(id)) {
            return status.toBuilder().setState(partitionAware ? TaskState.TASK_UNREACHABLE : TaskState.TASK_LOST)
                    .setMessage("Reconciliation: Task is unreachable").build();
        }
        return status;
    }

    private TaskStatus reconciled(FrameworkRecord framework, TaskRecord task) {
        TaskState state = task.latestState == TaskState.TASK_UNREACHABLE
                && !framework.hasCapability(FrameworkInfo.Capability.Type.PARTITION_AWARE) ? TaskState.TASK_LOST
                : task.latestState;
        TaskStatus.Builder status = TaskStatus.newBuilder().setTaskId(task.info.getTaskId()).setState(state)
                .setSource(TaskStatus.Source.SOURCE_MASTER).setReason(TaskStatus.Reason.REASON_RECONCILIATION)
                .setAgentId(task.info.getAgentId()).setTimestamp(now())
                .setMessage("Reconciliation: Latest task state");
        if (task.lastStatus != null && task.lastStatus.hasHealthy()) {
            status.setHealthy(task.lastStatus.getHealthy());
        }
        return status.build();
    }

    private TaskStatus unknown(FrameworkRecord framework, TaskID taskId, io.osmos.proto.v1.AgentID agentId,
            String message) {
        boolean partitionAware = framework.hasCapability(FrameworkInfo.Capability.Type.PARTITION_AWARE);
        TaskStatus.Builder status = TaskStatus.newBuilder().setTaskId(taskId)
                .setState(partitionAware ? TaskState.TASK_UNKNOWN : TaskState.TASK_LOST)
                .setSource(TaskStatus.Source.SOURCE_MASTER).setReason(TaskStatus.Reason.REASON_RECONCILIATION)
                .setTimestamp(now()).setMessage(message);
        if (agentId != null) {
            status.setAgentId(agentId);
        }
        return status.build();
    }

    /** KILL: the agent kills a live task; an unknown task is reported unknown (or lost). */
    CallResult kill(FrameworkRecord framework, Call.Kill kill) {
        TaskRecord task = framework.tasks.get(kill.getTaskId().getValue());
        if (task == null) {
            send(framework, unknown(framework, kill.getTaskId(), kill.hasAgentId() ? kill.getAgentId() : null,
                    "Attempted to kill an unknown task"));
            return CallResult.ACCEPTED;
        }
        if (task.terminal()) {
            return CallResult.ACCEPTED;
        }
        AgentEvent.KillTask.Builder event = AgentEvent.KillTask.newBuilder().setFrameworkId(framework.id)
                .setTaskId(kill.getTaskId());
        if (kill.hasKillPolicy()) {
            event.setKillPolicy(kill.getKillPolicy());
        }
        if (!cluster.sendToAgent(task.agentId(), AgentEvent.newBuilder().setType(AgentEvent.Type.KILL_TASK)
                .setKillTask(event).build())) {
            LOG.warn("Kill of task {} waits: agent {} is disconnected", task.id(), task.agentId());
        }
        return CallResult.ACCEPTED;
    }

    /** A task the master refuses to launch. */
    void error(FrameworkRecord framework, TaskInfo task, TaskStatus.Reason reason, String message) {
        LOG.info("Task {} of framework {}: TASK_ERROR: {}", task.getTaskId().getValue(), framework.id(), message);
        send(framework, masterStatus(task, TaskState.TASK_ERROR, reason, message));
    }

    /**
     * The operator marked the task's agent gone: the task ends TASK_GONE_BY_OPERATOR (TASK_LOST for a
     * framework that is not partition-aware, as Mesos sends), its resources come back and it is completed.
     */
    void goneByOperator(FrameworkRecord framework, TaskRecord task) {
        boolean partitionAware = framework.hasCapability(FrameworkInfo.Capability.Type.PARTITION_AWARE);
        TaskStatus status = masterStatus(task.info, partitionAware ? TaskState.TASK_GONE_BY_OPERATOR : TaskState.TASK_LOST,
                TaskStatus.Reason.REASON_AGENT_REMOVED_BY_OPERATOR, "Agent " + task.agentId() + " was marked gone by the operator");
        if (!task.terminal()) {
            record(framework, task, status, TaskState.TASK_GONE_BY_OPERATOR);
            send(framework, status);
        }
        complete(framework, task);
    }

    /**
     * The task's agent was marked unreachable: TASK_UNREACHABLE for partition-aware frameworks, else
     * TASK_LOST. The task stays listed (it may still run) until its agent comes back or is marked gone.
     */
    void unreachable(FrameworkRecord framework, TaskRecord task, String message) {
        if (task.terminal()) {
            return;
        }
        boolean partitionAware = framework.hasCapability(FrameworkInfo.Capability.Type.PARTITION_AWARE);
        TaskStatus status = masterStatus(task.info, partitionAware ? TaskState.TASK_UNREACHABLE : TaskState.TASK_LOST,
                TaskStatus.Reason.REASON_AGENT_REMOVED, message);
        record(framework, task, status, TaskState.TASK_UNREACHABLE);
        send(framework, status);
    }

    /** An unreachable task its agent did not report when it came back: TASK_GONE (TASK_LOST if not partition-aware). */
    void notReported(FrameworkRecord framework, TaskRecord task, String message) {
        boolean partitionAware = framework.hasCapability(FrameworkInfo.Capability.Type.PARTITION_AWARE);
        TaskStatus status = masterStatus(task.info, partitionAware ? TaskState.TASK_GONE : TaskState.TASK_LOST,
                TaskStatus.Reason.REASON_AGENT_REMOVED, message);
        record(framework, task, status, TaskState.TASK_GONE);
        send(framework, status);
        complete(framework, task);
    }

    /** A task whose offers were invalid: TASK_DROPPED for partition-aware frameworks, else TASK_LOST. */
    void dropped(FrameworkRecord framework, TaskInfo task, String message) {
        boolean partitionAware = framework.hasCapability(FrameworkInfo.Capability.Type.PARTITION_AWARE);
        send(framework, masterStatus(task, partitionAware ? TaskState.TASK_DROPPED : TaskState.TASK_LOST,
                TaskStatus.Reason.REASON_INVALID_OFFERS, message));
    }

    private static TaskStatus masterStatus(TaskInfo task, TaskState state, TaskStatus.Reason reason, String message) {
        return TaskStatus.newBuilder().setTaskId(task.getTaskId()).setAgentId(task.getAgentId()).setState(state)
                .setSource(TaskStatus.Source.SOURCE_MASTER).setReason(reason).setMessage(message)
                .setTimestamp(now()).build();
    }

    /** Master-made updates need no acknowledgement, so they carry no uuid. */
    private static void send(FrameworkRecord framework, TaskStatus status) {
        if (framework.connected()) {
            framework.stream.send(Event.newBuilder().setType(Event.Type.UPDATE)
                    .setUpdate(Event.Update.newBuilder().setStatus(status)).build());
        }
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

}

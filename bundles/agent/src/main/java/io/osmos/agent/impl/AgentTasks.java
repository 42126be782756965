package io.osmos.agent.impl;

import io.osmos.api.task.TaskStates;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import com.google.protobuf.ByteString;

import io.osmos.api.loop.SerialLoop;
import io.osmos.http.api.RecordIOStream;
import io.osmos.proto.internal.AgentCall;
import io.osmos.proto.v1.ContainerID;
import io.osmos.proto.v1.ExecutorID;
import io.osmos.proto.v1.ExecutorInfo;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.Task;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;
import io.osmos.proto.v1.executor.Event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executors and tasks of this agent: launches executors for tasks the master sends, hands
 * tasks to executors once they subscribe, tracks task states from their updates, and cleans up
 * when executors end. Loop-confined.
 */
final class AgentTasks {

    private static final Logger LOG = LoggerFactory.getLogger(AgentTasks.class);

    private final SerialLoop loop;
    private final Sandboxes sandboxes;
    private final ExecutorLauncher launcher;
    private final StatusUpdateManager updates;
    private final Supplier<io.osmos.proto.v1.AgentInfo> agentInfo;
    private final Supplier<Map<String, String>> environment;
    private final java.util.function.Consumer<AgentCall> toMaster;
    /** Executor runs by framework id, then executor id. */
    final Map<String, Map<String, ExecutorRun>> executors = new LinkedHashMap<>();
    private final ExecutorKiller killer;
    /** Frameworks the master removed: nobody will acknowledge their updates any more. */
    private final java.util.Set<String> removedFrameworks = new java.util.HashSet<>();

    AgentTasks(SerialLoop loop, Sandboxes sandboxes, ExecutorLauncher launcher, StatusUpdateManager updates,
            Supplier<io.osmos.proto.v1.AgentInfo> agentInfo, Supplier<Map<String, String>> environment,
            java.util.function.Consumer<AgentCall> toMaster) {
        this.loop = loop;
        this.sandboxes = sandboxes;
        this.launcher = launcher;
        this.updates = updates;
        this.agentInfo = agentInfo;
        this.environment = environment;
        this.toMaster = toMaster;
        this.killer = new ExecutorKiller(loop);
    }

    /** RUN_TASK from the master. */
    void runTask(FrameworkInfo framework, TaskInfo task) {
        ExecutorInfo executor = task.hasExecutor() ? task.getExecutor() : commandExecutorFor(framework, task);
        ExecutorRun run = run(framework.getId().getValue(), executor.getExecutorId().getValue());
        if (run == null || run.state == ExecutorRun.State.TERMINATING || run.state == ExecutorRun.State.TERMINATED) {
            run = launch(framework, executor, !task.hasExecutor());
            if (run == null) {
                fail(framework, task, TaskState.TASK_FAILED, TaskStatus.Reason.REASON_EXECUTOR_TERMINATED,
                        "Failed to launch the executor");
                return;
            }
        }
        if (run.subscribed()) {
            give(run, task);
        } else {
            run.queued.put(task.getTaskId().getValue(), task);
        }
    }

    private ExecutorInfo commandExecutorFor(FrameworkInfo framework, TaskInfo task) {
        String command = task.getCommand().getValue();
        return ExecutorInfo.newBuilder().setType(ExecutorInfo.Type.DEFAULT)
                .setExecutorId(ExecutorID.newBuilder().setValue(task.getTaskId().getValue()))
                .setFrameworkId(framework.getId()).setName("Command Executor (Task: " + task.getTaskId().getValue()
                        + ") (Command: sh -c '" + (command.length() > 15 ? command.substring(0, 15) + "..." : command) + "')")
                .setSource(task.getTaskId().getValue()).addAllResources(task.getResourcesList())
                .setCommand(io.osmos.proto.v1.CommandInfo.newBuilder().setValue(ExecutorLauncher.COMMAND_EXECUTOR_CLASS)
                        .setShell(false))
                .build();
    }

    private ExecutorRun launch(FrameworkInfo framework, ExecutorInfo executor, boolean commandExecutor) {
        String containerId = UUID.randomUUID().toString();
        String agentId = agentInfo.get().getId().getValue();
        ExecutorRun run = new ExecutorRun(framework, executor, ContainerID.newBuilder().setValue(containerId).build(),
                sandboxes.create(agentId, framework.getId().getValue(), executor.getExecutorId().getValue(), containerId),
                commandExecutor);
        try {
            Process process = launcher.launch(run, executorEnvironment(run, agentId));
            run.process = process.toHandle();
            process.onExit().thenAccept(p -> loop.execute(() -> exited(run, p.exitValue())));
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot launch executor {} of framework {}", executor.getExecutorId().getValue(),
                    framework.getId().getValue(), e);
            return null;
        }
        executors.computeIfAbsent(run.frameworkId(), k -> new LinkedHashMap<>()).put(run.executorId(), run);
        return run;
    }

    private Map<String, String> executorEnvironment(ExecutorRun run, String agentId) {
        Map<String, String> env = new LinkedHashMap<>(environment.get());
        env.put("MESOS_FRAMEWORK_ID", run.frameworkId());
        env.put("MESOS_EXECUTOR_ID", run.executorId());
        env.put("MESOS_DIRECTORY", run.sandbox.toString());
        env.put("MESOS_SANDBOX", run.sandbox.toString());
        env.put("MESOS_SLAVE_ID", agentId);
        env.put("MESOS_AGENT_ID", agentId);
        env.put("MESOS_CHECKPOINT", run.framework.getCheckpoint() ? "1" : "0");
        env.put("MESOS_HTTP_COMMAND_EXECUTOR", "1");
        env.put("MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD", ExecutorKiller.SHUTDOWN_GRACE_SECONDS + "secs");
        env.put("LIBPROCESS_PORT", "0");
        if (run.framework.getCheckpoint()) {
            env.put("MESOS_RECOVERY_TIMEOUT", "15mins");
            env.put("MESOS_SUBSCRIPTION_BACKOFF_MAX", "2secs");
        }
        return env;
    }

    ExecutorRun run(String frameworkId, String executorId) {
        Map<String, ExecutorRun> runs = executors.get(frameworkId);
        return runs == null ? null : runs.get(executorId);
    }

    /** An executor subscribed (or re-subscribed): it gets SUBSCRIBED, then every queued task. */
    String subscribed(io.osmos.proto.v1.executor.Call call, RecordIOStream stream) {
        ExecutorRun run = run(call.getFrameworkId().getValue(), call.getExecutorId().getValue());
        if (run == null || run.state == ExecutorRun.State.TERMINATED) {
            return "Executor " + call.getExecutorId().getValue() + " of framework "
                    + call.getFrameworkId().getValue() + " is not known to this agent";
        }
        if (run.stream != null && run.stream != stream) {
            run.stream.close();
        }
        run.stream = stream;
        if (run.state == ExecutorRun.State.LAUNCHING) {
            run.state = ExecutorRun.State.RUNNING;
        }
        stream.send(Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
                .setExecutorInfo(run.info).setFrameworkInfo(run.framework).setAgentInfo(agentInfo.get())
                .setContainerId(run.containerId)).build());
        for (io.osmos.proto.v1.executor.Call.Update unacked : call.getSubscribe().getUnacknowledgedUpdatesList()) {
            if (!updates.hasPending(run.frameworkId(), unacked.getStatus().getTaskId().getValue())) {
                update(run, unacked.getStatus());
            }
        }
        for (TaskInfo task : List.copyOf(run.queued.values())) {
            run.queued.remove(task.getTaskId().getValue());
            give(run, task);
        }
        LOG.info("Executor {} of framework {} subscribed", run.executorId(), run.frameworkId());
        return null;
    }

    private void give(ExecutorRun run, TaskInfo task) {
        run.launched.put(task.getTaskId().getValue(), model(run, task, TaskState.TASK_STAGING));
        run.stream.send(Event.newBuilder().setType(Event.Type.LAUNCH)
                .setLaunch(Event.Launch.newBuilder().setTask(task)).build());
    }

    private Task model(ExecutorRun run, TaskInfo task, TaskState state) {
        return Task.newBuilder().setName(task.getName()).setTaskId(task.getTaskId()).setFrameworkId(run.framework.getId())
                .setExecutorId(run.info.getExecutorId()).setAgentId(task.getAgentId()).setState(state)
                .addAllResources(task.getResourcesList()).putAllLimits(task.getLimitsMap()).build();
    }

    /** An UPDATE from an executor (or one the agent makes): track the state and deliver it. */
    void update(ExecutorRun run, TaskStatus status) {
        Task task = run.launched.get(status.getTaskId().getValue());
        if (task != null) {
            run.launched.put(task.getTaskId().getValue(), task.toBuilder().setState(status.getState()).build());
        }
        TaskStatus.Builder delivered = status.toBuilder().setExecutorId(run.info.getExecutorId())
                .setAgentId(agentInfo.get().getId());
        if (!status.hasUuid()) {
            delivered.setUuid(uuid());
        }
        if (!status.hasTimestamp()) {
            delivered.setTimestamp(System.currentTimeMillis() / 1000.0);
        }
        if (removedFrameworks.contains(run.frameworkId())) {
            if (TaskStates.terminal(status.getState())) {
                run.launched.remove(status.getTaskId().getValue());
                removeIfDone(run);
            }
            return;
        }
        updates.add(run.framework.getId(), delivered.build());
    }

    /** The framework acknowledged an update: tell the executor, and forget finished work. */
    void acknowledged(String frameworkId, io.osmos.proto.v1.TaskID taskId, ByteString uuid) {
        StatusUpdateManager.Pending acked = updates.acknowledge(frameworkId, taskId.getValue(), uuid);
        if (acked == null) {
            return;
        }
        Map<String, ExecutorRun> runs = executors.getOrDefault(frameworkId, Map.of());
        for (ExecutorRun run : List.copyOf(runs.values())) {
            if (!run.launched.containsKey(taskId.getValue())) {
                continue;
            }
            if (run.subscribed()) {
                run.stream.send(Event.newBuilder().setType(Event.Type.ACKNOWLEDGED).setAcknowledged(
                        Event.Acknowledged.newBuilder().setTaskId(taskId).setUuid(uuid)).build());
            }
            if (TaskStates.terminal(acked.status().getState()) && !updates.hasPending(frameworkId, taskId.getValue())) {
                run.launched.remove(taskId.getValue());
                removeIfDone(run);
            }
        }
    }

    void killTask(String frameworkId, io.osmos.proto.v1.TaskID taskId, io.osmos.proto.v1.KillPolicy policy) {
        for (ExecutorRun run : executors.getOrDefault(frameworkId, Map.of()).values()) {
            TaskInfo queued = run.queued.remove(taskId.getValue());
            if (queued != null) {
                run.launched.put(taskId.getValue(), model(run, queued, TaskState.TASK_STAGING));
                update(run, agentStatus(taskId, TaskState.TASK_KILLED,
                        TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH, "Killed before the executor subscribed"));
                if (run.queued.isEmpty() && run.launched.values().stream().allMatch(t -> TaskStates.terminal(t.getState()))) {
                    killer.shutdown(run);
                }
                return;
            }
            if (run.launched.containsKey(taskId.getValue())) {
                run.killRequested.add(taskId.getValue());
                Event.Kill.Builder kill = Event.Kill.newBuilder().setTaskId(taskId);
                if (policy != null) {
                    kill.setKillPolicy(policy);
                }
                if (run.subscribed()) {
                    run.stream.send(Event.newBuilder().setType(Event.Type.KILL).setKill(kill).build());
                }
                killer.escalate(run, taskId.getValue(), policy);
                return;
            }
        }
        LOG.warn("Kill of unknown task {} of framework {}", taskId.getValue(), frameworkId);
    }

    void shutdownFramework(String frameworkId) {
        removedFrameworks.add(frameworkId);
        for (ExecutorRun run : List.copyOf(executors.getOrDefault(frameworkId, Map.of()).values())) {
            run.killRequested.addAll(run.launched.keySet());
            killer.shutdown(run);
        }
    }

    void shutdownExecutor(String frameworkId, String executorId) {
        ExecutorRun run = run(frameworkId, executorId);
        if (run != null) {
            run.killRequested.addAll(run.launched.keySet());
            killer.shutdown(run);
        }
    }

    void frameworkMessage(String frameworkId, String executorId, ByteString data) {
        ExecutorRun run = run(frameworkId, executorId);
        if (run != null && run.subscribed()) {
            run.stream.send(Event.newBuilder().setType(Event.Type.MESSAGE)
                    .setMessage(Event.Message.newBuilder().setData(data)).build());
        }
    }

    /** The executor process ended: its unfinished tasks end too, as KILLED if a kill was asked, else FAILED. */
    void exited(ExecutorRun run, int status) {
        run.state = ExecutorRun.State.TERMINATED;
        if (run.stream != null) {
            run.stream.close();
        }
        List<String> unfinished = new ArrayList<>(run.queued.keySet());
        run.queued.values().forEach(t -> run.launched.put(t.getTaskId().getValue(), model(run, t, TaskState.TASK_STAGING)));
        run.queued.clear();
        for (Task task : run.launched.values()) {
            if (!TaskStates.terminal(task.getState())) {
                unfinished.add(task.getTaskId().getValue());
                boolean killed = run.killRequested.contains(task.getTaskId().getValue());
                update(run, agentStatus(task.getTaskId(), killed ? TaskState.TASK_KILLED : TaskState.TASK_FAILED,
                        TaskStatus.Reason.REASON_EXECUTOR_TERMINATED, "Executor terminated with status " + status));
            }
        }
        LOG.info("Executor {} of framework {} exited with status {} ({} tasks unfinished)", run.executorId(),
                run.frameworkId(), status, unfinished.size());
        if (!run.commandExecutor) {
            toMaster.accept(AgentCall.newBuilder().setType(AgentCall.Type.EXECUTOR_EXITED)
                    .setExecutorExited(AgentCall.ExecutorExited.newBuilder().setFrameworkId(run.framework.getId())
                            .setExecutorId(run.info.getExecutorId()).setStatus(status))
                    .build());
        }
        removeIfDone(run);
    }

    private void removeIfDone(ExecutorRun run) {
        if (run.state == ExecutorRun.State.TERMINATED && run.queued.isEmpty() && run.launched.isEmpty()) {
            Map<String, ExecutorRun> runs = executors.get(run.frameworkId());
            if (runs != null && runs.get(run.executorId()) == run) {
                runs.remove(run.executorId());
                if (runs.isEmpty()) {
                    executors.remove(run.frameworkId());
                }
            }
        }
    }

    private void fail(FrameworkInfo framework, TaskInfo task, TaskState state, TaskStatus.Reason reason,
            String message) {
        updates.add(framework.getId(), agentStatus(task.getTaskId(), state, reason, message).toBuilder()
                .setAgentId(agentInfo.get().getId()).setUuid(uuid()).build());
    }

    private static TaskStatus agentStatus(io.osmos.proto.v1.TaskID taskId, TaskState state, TaskStatus.Reason reason,
            String message) {
        return TaskStatus.newBuilder().setTaskId(taskId).setState(state).setSource(TaskStatus.Source.SOURCE_AGENT)
                .setReason(reason).setMessage(message).setTimestamp(System.currentTimeMillis() / 1000.0)
                .setUuid(uuid()).build();
    }

    private static ByteString uuid() {
        UUID uuid = UUID.randomUUID();
        return ByteString.copyFrom(java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array());
    }
}

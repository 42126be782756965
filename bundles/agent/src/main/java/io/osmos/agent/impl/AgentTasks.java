package io.osmos.agent.impl;

import io.osmos.api.task.TaskStates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import com.google.protobuf.ByteString;

import io.osmos.agent.containerizer.Container;
import io.osmos.agent.containerizer.Termination;
import io.osmos.api.isolation.ContainerLimitation;
import io.osmos.api.loop.SerialLoop;
import io.osmos.http.api.RecordIOStream;
import io.osmos.proto.internal.AgentCall;
import io.osmos.proto.v1.ContainerID;
import io.osmos.proto.v1.ExecutorID;
import io.osmos.proto.v1.ExecutorInfo;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.Task;
import io.osmos.proto.v1.TaskGroupInfo;
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
    private final ExecutorContainers containers;
    private final StatusUpdateManager updates;
    private final Supplier<io.osmos.proto.v1.AgentInfo> agentInfo;
    private final Supplier<Map<String, String>> environment;
    private final java.util.function.Consumer<AgentCall> toMaster;
    private final RunCheckpointer checkpointer;
    /** Executor runs by framework id, then executor id. */
    final Map<String, Map<String, ExecutorRun>> executors = new LinkedHashMap<>();
    /** Executor launches whose process is not checkpointed yet (see {@link #drainLaunches}). */
    private final LaunchesUnderWay launchesUnderWay = new LaunchesUnderWay("executor launch(es)");
    private final ExecutorKiller killer;
    /** Frameworks the master removed: nobody will acknowledge their updates any more. */
    private final java.util.Set<String> removedFrameworks = new java.util.HashSet<>();

    AgentTasks(SerialLoop loop, Sandboxes sandboxes, ExecutorContainers containers, StatusUpdateManager updates,
            Supplier<io.osmos.proto.v1.AgentInfo> agentInfo, Supplier<Map<String, String>> environment,
            java.util.function.Consumer<AgentCall> toMaster, RunCheckpointer checkpointer) {
        this.loop = loop;
        this.checkpointer = checkpointer;
        this.sandboxes = sandboxes;
        this.containers = containers;
        this.updates = updates;
        this.agentInfo = agentInfo;
        this.environment = environment;
        this.toMaster = toMaster;
        this.killer = new ExecutorKiller(loop);
    }

    /** RUN_TASK from the master. */
    void runTask(FrameworkInfo framework, TaskInfo task) {
        ExecutorInfo executor = task.hasExecutor() ? task.getExecutor() : commandExecutorFor(framework, task);
        ExecutorRun run = live(framework.getId().getValue(), executor.getExecutorId().getValue());
        boolean fresh = run == null;
        if (fresh) {
            run = create(framework, executor, task.hasExecutor() ? ExecutorRun.Kind.CUSTOM : ExecutorRun.Kind.COMMAND);
        }
        if (run.subscribed()) {
            give(run, task);
        } else {
            run.queued.put(task.getTaskId().getValue(), task);
            checkpointer.task(run, model(run, task, TaskState.TASK_STAGING), task);
        }
        started(run, fresh);
    }

    /** RUN_TASK_GROUP from the master: the tasks run under our default executor, each in a nested container. */
    void runTaskGroup(FrameworkInfo framework, ExecutorInfo executor, TaskGroupInfo group) {
        ExecutorRun existing = live(framework.getId().getValue(), executor.getExecutorId().getValue());
        boolean fresh = existing == null;
        ExecutorRun run = fresh ? create(framework, executor, ExecutorRun.Kind.DEFAULT) : existing;
        if (run.subscribed()) {
            giveGroup(run, group);
        } else {
            group.getTasksList().forEach(t -> {
                run.queued.put(t.getTaskId().getValue(), t);
                checkpointer.task(run, model(run, t, TaskState.TASK_STAGING), t);
            });
            run.queuedGroups.add(group);
        }
        started(run, fresh);
    }

    private void started(ExecutorRun run, boolean fresh) {
        if (fresh) {
            start(run);
        } else if (run.kind != ExecutorRun.Kind.COMMAND) {
            containers.update(run).whenComplete((ignored, error) -> {
                if (error != null) {
                    LOG.warn("Cannot update the container of executor {}: {}", run.executorId(), error.getMessage());
                }
            });
        }
    }

    private ExecutorRun live(String frameworkId, String executorId) {
        ExecutorRun run = run(frameworkId, executorId);
        return run == null || run.state == ExecutorRun.State.TERMINATING || run.state == ExecutorRun.State.TERMINATED
                ? null : run;
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

    private ExecutorRun create(FrameworkInfo framework, ExecutorInfo executor, ExecutorRun.Kind kind) {
        String containerId = UUID.randomUUID().toString();
        String agentId = agentInfo.get().getId().getValue();
        ExecutorRun run = new ExecutorRun(framework, executor, ContainerID.newBuilder().setValue(containerId).build(),
                sandboxes.create(agentId, framework.getId().getValue(), executor.getExecutorId().getValue(), containerId),
                kind);
        executors.computeIfAbsent(run.frameworkId(), k -> new LinkedHashMap<>()).put(run.executorId(), run);
        checkpointer.created(run);
        return run;
    }

    private void start(ExecutorRun run) {
        String agentId = agentInfo.get().getId().getValue();
        CompletableFuture<Void> recorded = launchesUnderWay.track(new CompletableFuture<>());
        containers.launch(run, ExecutorEnvironment.of(environment.get(), run, agentId)).whenComplete((container, error) -> loop.execute(() -> {
            try {
                launchEnded(run, container, error);
            } finally {
                recorded.complete(null);
            }
        }));
    }

    /**
     * Off the loop, before the agent stops: waits (a bounded while) until the executor launches under
     * way have their process checkpointed. Otherwise a successor would find a run that never got a
     * process, fail its tasks, and destroy the executor that did start as an orphan.
     */
    void drainLaunches(long millis) {
        launchesUnderWay.drain(millis);
    }

    private void launchEnded(ExecutorRun run, Container container, Throwable error) {
        if (error != null) {
            launchFailed(run, error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause().getMessage() : error.getMessage());
            return;
        }
        run.process = container.process();
        run.processStartMillis = run.process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
        checkpointer.started(run);
        LOG.info("Executor {} of framework {} runs as pid {} in container {}", run.executorId(), run.frameworkId(),
                run.process.pid(), container.id());
        container.termination().thenAccept(termination -> loop.execute(() -> exited(run, termination)));
        if (run.state == ExecutorRun.State.TERMINATING) {
            killer.shutdown(run);
        }
    }

    private void launchFailed(ExecutorRun run, String message) {
        LOG.error("Cannot launch executor {} of framework {}: {}", run.executorId(), run.frameworkId(), message);
        run.state = ExecutorRun.State.TERMINATED;
        for (TaskInfo task : List.copyOf(run.queued.values())) {
            run.launched.put(task.getTaskId().getValue(), model(run, task, TaskState.TASK_STAGING));
            update(run, TaskStatuses.agentStatus(task.getTaskId(), TaskState.TASK_FAILED,
                    TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED, "Failed to launch container: " + message));
        }
        run.queued.clear();
        run.queuedGroups.clear();
        if (run.kind != ExecutorRun.Kind.COMMAND) {
            executorExited(run, 1 << 8);
        }
        removeIfDone(run);
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
        run.awaitingResubscription = false;
        for (TaskInfo task : call.getSubscribe().getUnacknowledgedTasksList()) {
            if (run.queued.remove(task.getTaskId().getValue()) != null) {
                launched(run, model(run, task, TaskState.TASK_STAGING));
            }
        }
        for (io.osmos.proto.v1.executor.Call.Update unacked : call.getSubscribe().getUnacknowledgedUpdatesList()) {
            TaskStatus status = unacked.getStatus();
            if (updates.acknowledged(run.frameworkId(), status.getTaskId().getValue(), status.getUuid())) {
                stream.send(Event.newBuilder().setType(Event.Type.ACKNOWLEDGED).setAcknowledged(Event.Acknowledged
                        .newBuilder().setTaskId(status.getTaskId()).setUuid(status.getUuid())).build());
            } else {
                update(run, status);
            }
        }
        for (TaskGroupInfo group : List.copyOf(run.queuedGroups)) {
            run.queuedGroups.remove(group);
            List<TaskInfo> left = group.getTasksList().stream()
                    .filter(t -> run.queued.remove(t.getTaskId().getValue()) != null).toList();
            if (!left.isEmpty()) {
                giveGroup(run, TaskGroupInfo.newBuilder().addAllTasks(left).build());
            }
        }
        if (run.kind == ExecutorRun.Kind.DEFAULT && !run.queued.isEmpty()) {
            // Queued before the agent restarted: the groups themselves are not checkpointed, only their
            // tasks. The default executor takes groups only, so they go to it as one group.
            giveGroup(run, TaskGroupInfo.newBuilder().addAllTasks(run.queued.values()).build());
            run.queued.clear();
        }
        for (TaskInfo task : List.copyOf(run.queued.values())) {
            run.queued.remove(task.getTaskId().getValue());
            give(run, task);
        }
        LOG.info("Executor {} of framework {} subscribed", run.executorId(), run.frameworkId());
        return null;
    }

    private void give(ExecutorRun run, TaskInfo task) {
        launched(run, model(run, task, TaskState.TASK_STAGING));
        run.stream.send(Event.newBuilder().setType(Event.Type.LAUNCH)
                .setLaunch(Event.Launch.newBuilder().setTask(task)).build());
    }

    private void giveGroup(ExecutorRun run, TaskGroupInfo group) {
        group.getTasksList().forEach(t -> launched(run, model(run, t, TaskState.TASK_STAGING)));
        run.stream.send(Event.newBuilder().setType(Event.Type.LAUNCH_GROUP)
                .setLaunchGroup(Event.LaunchGroup.newBuilder().setTaskGroup(group)).build());
    }

    /** The executor has the task (or had it before the agent restarted): it is tracked and checkpointed. */
    void launched(ExecutorRun run, Task task) {
        run.launched.put(task.getTaskId().getValue(), task);
        checkpointer.task(run, task, null);
    }

    Task model(ExecutorRun run, TaskInfo task, TaskState state) {
        return Task.newBuilder().setName(task.getName()).setTaskId(task.getTaskId()).setFrameworkId(run.framework.getId())
                .setExecutorId(run.info.getExecutorId()).setAgentId(task.getAgentId()).setState(state)
                .addAllResources(task.getResourcesList()).putAllLimits(task.getLimitsMap()).build();
    }

    /**
     * An UPDATE from an executor (or one the agent makes): track the state and deliver it. A task the
     * executor reports FAILED may have been killed by the kernel for a limit its container reached;
     * the isolators are asked, and the status then names that cause as Mesos does.
     */
    void update(ExecutorRun run, TaskStatus status) {
        Task task = run.launched.get(status.getTaskId().getValue());
        if (task != null && task.getState() != status.getState()) {
            launched(run, task.toBuilder().setState(status.getState()).build());
        }
        if (status.getState() == TaskState.TASK_FAILED && status.getSource() == TaskStatus.Source.SOURCE_EXECUTOR
                && !status.getReason().name().startsWith("REASON_CONTAINER_LIMITATION")) {
            containers.limitation(run).whenComplete((limitation, error) -> loop.execute(() -> deliver(run,
                    limitation == null || limitation.isEmpty() ? status : limited(status, limitation.get()))));
            return;
        }
        deliver(run, status);
    }

    private static TaskStatus limited(TaskStatus status, ContainerLimitation limitation) {
        return status.toBuilder().setSource(TaskStatus.Source.SOURCE_AGENT).setReason(ExecutorContainers.reason(limitation))
                .setMessage(limitation.message()).build();
    }

    private void deliver(ExecutorRun run, TaskStatus status) {
        TaskStatus.Builder delivered = status.toBuilder().setExecutorId(run.info.getExecutorId())
                .setAgentId(agentInfo.get().getId());
        if (!status.hasUuid()) {
            delivered.setUuid(TaskStatuses.uuid());
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
        updates.add(run.framework.getId(), delivered.build(), checkpointer.taskDir(run, status.getTaskId().getValue()));
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
                updates.remove(frameworkId, taskId.getValue());
                removeIfDone(run);
            }
        }
    }

    void killTask(String frameworkId, io.osmos.proto.v1.TaskID taskId, io.osmos.proto.v1.KillPolicy policy) {
        for (ExecutorRun run : executors.getOrDefault(frameworkId, Map.of()).values()) {
            TaskInfo queued = run.queued.remove(taskId.getValue());
            if (queued != null) {
                run.launched.put(taskId.getValue(), model(run, queued, TaskState.TASK_STAGING));
                update(run, TaskStatuses.agentStatus(taskId, TaskState.TASK_KILLED,
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

    /**
     * The executor's container ended: its unfinished tasks end too, as KILLED if a kill was asked,
     * as FAILED with the limitation's reason if the container reached a limit, else FAILED.
     */
    void exited(ExecutorRun run, Termination termination) {
        run.state = ExecutorRun.State.TERMINATED;
        if (run.stream != null) {
            run.stream.close();
        }
        List<String> unfinished = new ArrayList<>(run.queued.keySet());
        run.queued.values().forEach(t -> run.launched.put(t.getTaskId().getValue(), model(run, t, TaskState.TASK_STAGING)));
        run.queued.clear();
        run.queuedGroups.clear();
        for (Task task : List.copyOf(run.launched.values())) {
            if (!TaskStates.terminal(task.getState())) {
                unfinished.add(task.getTaskId().getValue());
                update(run, terminated(run, task, termination));
            }
        }
        LOG.info("Executor {} of framework {} {} ({} tasks unfinished)", run.executorId(), run.frameworkId(),
                termination.describe(), unfinished.size());
        if (run.kind != ExecutorRun.Kind.COMMAND) {
            executorExited(run, termination.waitStatus());
        }
        removeIfDone(run);
    }

    private TaskStatus terminated(ExecutorRun run, Task task, Termination termination) {
        if (termination.limitation().isPresent() && !run.killRequested.contains(task.getTaskId().getValue())) {
            ContainerLimitation limitation = termination.limitation().get();
            return TaskStatuses.agentStatus(task.getTaskId(), TaskState.TASK_FAILED, ExecutorContainers.reason(limitation), limitation.message());
        }
        boolean killed = run.killRequested.contains(task.getTaskId().getValue());
        return TaskStatuses.agentStatus(task.getTaskId(), killed ? TaskState.TASK_KILLED : TaskState.TASK_FAILED,
                TaskStatus.Reason.REASON_EXECUTOR_TERMINATED, "Executor " + termination.describe());
    }

    private void executorExited(ExecutorRun run, int status) {
        toMaster.accept(AgentCall.newBuilder().setType(AgentCall.Type.EXECUTOR_EXITED)
                .setExecutorExited(AgentCall.ExecutorExited.newBuilder().setFrameworkId(run.framework.getId())
                        .setExecutorId(run.info.getExecutorId()).setStatus(status))
                .build());
    }

    void removeIfDone(ExecutorRun run) {
        if (run.state == ExecutorRun.State.TERMINATED && run.queued.isEmpty() && run.launched.isEmpty()) {
            Map<String, ExecutorRun> runs = executors.get(run.frameworkId());
            if (runs != null && runs.get(run.executorId()) == run) {
                runs.remove(run.executorId());
                checkpointer.removed(run);
                if (runs.isEmpty()) {
                    executors.remove(run.frameworkId());
                }
            }
        }
    }

    private void fail(FrameworkInfo framework, TaskInfo task, TaskState state, TaskStatus.Reason reason,
            String message) {
        updates.add(framework.getId(), TaskStatuses.agentStatus(task.getTaskId(), state, reason, message).toBuilder()
                .setAgentId(agentInfo.get().getId()).setUuid(TaskStatuses.uuid()).build());
    }
}

package io.osmos.agent.impl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongFunction;

import io.osmos.agent.containerizer.Container;
import io.osmos.agent.containerizer.Containerizer;
import io.osmos.api.task.TaskStates;
import io.osmos.proto.v1.FrameworkInfo;
import io.osmos.proto.v1.Task;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings back, at activation, what a previous agent (instance or process) checkpointed, as Mesos'
 * agent recovery does: a run whose executor process still runs is adopted (its container is known
 * again, its exit watched, its update streams resumed) and must re-subscribe within the executor
 * re-registration timeout, else it is killed and its tasks end TASK_LOST (TASK_GONE for
 * partition-aware frameworks) with REASON_EXECUTOR_REREGISTRATION_TIMEOUT. A run whose executor
 * died meanwhile has its unfinished tasks end TASK_FAILED with REASON_EXECUTOR_TERMINATED; its
 * container, in no list the isolators get, is cleaned up by them as an orphan. The default
 * executor's nested containers come back with their executor ({@link NestedRuns}). Loop-confined.
 */
final class AgentRecovery {

    /** What recovery found. */
    record Outcome(int adopted, int lost, List<ExecutorRun> awaiting, long millis) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(AgentRecovery.class);

    private final io.osmos.api.loop.SerialLoop loop;
    private final AgentCheckpoints checkpoints;
    private final AgentTasks tasks;
    private final StatusUpdateManager updates;
    private final Containerizer containerizer;
    private final ExecutorContainers containers;
    private final VolumeMounts volumes;
    private final NestedRuns nested;
    private final LongFunction<OptionalLong> startOf;

    AgentRecovery(io.osmos.api.loop.SerialLoop loop, AgentCheckpoints checkpoints, AgentTasks tasks, StatusUpdateManager updates,
            Containerizer containerizer, ExecutorContainers containers, VolumeMounts volumes, NestedRuns nested,
            LongFunction<OptionalLong> startOf) {
        this.loop = loop;
        this.checkpoints = checkpoints;
        this.tasks = tasks;
        this.updates = updates;
        this.containerizer = containerizer;
        this.containers = containers;
        this.volumes = volumes;
        this.nested = nested;
        this.startOf = startOf;
    }

    /** Recovers the agent's checkpointed runs; {@code sandboxRoot} is where leftover mounts are looked for. */
    Outcome recover(String agentId, Path sandboxRoot) {
        long started = System.nanoTime();
        List<AgentCheckpoints.RunCheckpoint> runs = agentId == null ? List.of() : checkpoints.load(agentId);
        List<ExecutorRun> adopted = new ArrayList<>();
        List<ExecutorRun> lost = new ArrayList<>();
        for (AgentCheckpoints.RunCheckpoint checkpoint : runs) {
            ExecutorRun run = restore(agentId, checkpoint);
            if (RecoveryDecision.of(checkpoint.pid(), checkpoint.startMillis(), startOf) == RecoveryDecision.ADOPT) {
                run.process = ProcessHandle.of(checkpoint.pid()).orElseThrow();
                run.processStartMillis = checkpoint.startMillis();
                adopted.add(run);
            } else {
                lost.add(run);
            }
        }
        Set<Path> live = new HashSet<>();
        adopted.forEach(run -> live.add(run.sandbox));
        volumes.recover(sandboxRoot, live);
        adopted.forEach(this::adopt);
        lost.forEach(this::lost);
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new Outcome(adopted.size(), lost.size(), adopted, millis);
    }

    private ExecutorRun restore(String agentId, AgentCheckpoints.RunCheckpoint checkpoint) {
        ExecutorRun run = new ExecutorRun(checkpoint.framework(), checkpoint.executor(), checkpoint.containerId(),
                checkpoint.sandbox(), checkpoint.kind());
        for (AgentCheckpoints.TaskCheckpoint task : checkpoint.tasks()) {
            String id = task.task().getTaskId().getValue();
            if (task.queued() != null) {
                run.queued.put(id, task.queued());
            } else {
                run.launched.put(id, task.task());
            }
            updates.recover(checkpoint.framework().getId(), id, task.pending(), task.acknowledged(),
                    checkpoints.taskDir(agentId, run, id));
        }
        tasks.executors.computeIfAbsent(run.frameworkId(), k -> new java.util.LinkedHashMap<>())
                .put(run.executorId(), run);
        return run;
    }

    private void adopt(ExecutorRun run) {
        run.state = ExecutorRun.State.RUNNING;
        run.awaitingResubscription = true;
        Container container = containerizer.recover(containers.config(run), run.process);
        volumes.adopt(container.id(), run.sandbox, ExecutorContainers.resources(run, run.kind == ExecutorRun.Kind.CUSTOM));
        container.termination().thenRun(() -> volumes.detach(container.id()));
        container.termination().thenAccept(termination -> loop.execute(() -> tasks.exited(run, termination)));
        nested.recover(run);
        LOG.info("Executor {} of framework {} still runs as pid {}: adopted, {} task(s)", run.executorId(),
                run.frameworkId(), run.process.pid(), run.launched.size() + run.queued.size());
    }

    private void lost(ExecutorRun run) {
        run.state = ExecutorRun.State.TERMINATED;
        nested.killLeftovers(run);
        run.queued.values().forEach(t -> run.launched.put(t.getTaskId().getValue(), tasks.model(run, t,
                TaskState.TASK_STAGING)));
        run.queued.clear();
        int reported = 0;
        for (Task task : List.copyOf(run.launched.values())) {
            if (!TaskStates.terminal(task.getState())) {
                reported++;
                tasks.update(run, TaskStatuses.agentStatus(task.getTaskId(), TaskState.TASK_FAILED,
                        TaskStatus.Reason.REASON_EXECUTOR_TERMINATED, "Executor terminated while the agent was down"));
            }
        }
        LOG.warn("Executor {} of framework {} ended while the agent was down: {} unfinished task(s) failed",
                run.executorId(), run.frameworkId(), reported);
        tasks.removeIfDone(run);
    }

    /**
     * The re-registration timeout passed: an adopted executor that has not re-subscribed is killed,
     * its unfinished tasks lost.
     *
     * @return how many were killed
     */
    int reregistrationTimedOut(List<ExecutorRun> awaiting, long timeoutMillis) {
        int killed = 0;
        for (ExecutorRun run : awaiting) {
            if (!run.awaitingResubscription || run.state == ExecutorRun.State.TERMINATED) {
                continue;
            }
            killed++;
            run.awaitingResubscription = false;
            boolean partitionAware = run.framework.getCapabilitiesList().stream()
                    .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.PARTITION_AWARE);
            for (Task task : List.copyOf(run.launched.values())) {
                if (!TaskStates.terminal(task.getState())) {
                    tasks.update(run, TaskStatuses.agentStatus(task.getTaskId(),
                            partitionAware ? TaskState.TASK_GONE : TaskState.TASK_LOST,
                            TaskStatus.Reason.REASON_EXECUTOR_REREGISTRATION_TIMEOUT,
                            "Executor did not re-subscribe within " + timeoutMillis + " ms"));
                }
            }
            LOG.warn("Executor {} of framework {} did not re-subscribe within {} ms: killing it", run.executorId(),
                    run.frameworkId(), timeoutMillis);
            run.state = ExecutorRun.State.TERMINATING;
            containerizer.destroy(run.containerId.getValue());
        }
        return killed;
    }
}

package io.osmos.agent.impl;

import java.nio.file.Path;
import java.util.function.Supplier;

import io.osmos.proto.v1.Task;
import io.osmos.proto.v1.TaskInfo;

/**
 * Checkpoints executor runs and their tasks as they change, for frameworks that asked for it
 * ({@code FrameworkInfo.checkpoint}, as in Mesos); does nothing for the others. Loop-confined; the
 * writes themselves happen off the loop ({@link CheckpointWriter}).
 */
final class RunCheckpointer {

    private final AgentCheckpoints checkpoints;
    private final Supplier<String> agentId;

    RunCheckpointer(AgentCheckpoints checkpoints, Supplier<String> agentId) {
        this.checkpoints = checkpoints;
        this.agentId = agentId;
    }

    void created(ExecutorRun run) {
        if (run.checkpoint()) {
            checkpoints.runCreated(agentId.get(), run);
        }
    }

    void started(ExecutorRun run) {
        if (run.checkpoint()) {
            checkpoints.runStarted(agentId.get(), run);
        }
    }

    /** The task's latest model; {@code queued} while the executor has not got it. */
    void task(ExecutorRun run, Task task, TaskInfo queued) {
        if (run.checkpoint()) {
            checkpoints.task(agentId.get(), run, task, queued);
        }
    }

    /** Where the task's update stream is checkpointed, or null when its framework does not checkpoint. */
    Path taskDir(ExecutorRun run, String taskId) {
        return run.checkpoint() ? checkpoints.taskDir(agentId.get(), run, taskId) : null;
    }

    void removed(ExecutorRun run) {
        if (run.checkpoint()) {
            checkpoints.runRemoved(agentId.get(), run);
        }
    }
}

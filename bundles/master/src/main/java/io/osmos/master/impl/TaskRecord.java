package io.osmos.master.impl;

import io.osmos.api.task.TaskStates;
import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.Task;
import io.osmos.proto.v1.ExecutorInfo;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.TaskState;
import io.osmos.proto.v1.TaskStatus;

/** A task as the master tracks it. Confined to the master loop. */
final class TaskRecord {

    final TaskInfo info;
    final String role;
    final Resources resources;
    /** The resources with their allocation role set, as the allocator and the read calls count them. */
    final Resources allocated;
    Task task;
    /** The latest state the agent reported, possibly ahead of the last status the framework acknowledged. */
    TaskState latestState;
    /** The last status sent to the framework. */
    TaskStatus lastStatus;
    /** The executor of a task-group task, which its TaskInfo does not carry. */
    ExecutorInfo groupExecutor;
    /**
     * The launch sent to the agent, kept until the agent reports the task: if the agent re-registers
     * without it, the launch was lost on the way (the agent went down as it was sent) and is sent again.
     */
    io.osmos.proto.internal.AgentEvent launch;

    TaskRecord(TaskInfo info, String role, Resources resources, Task task) {
        this.info = info;
        this.role = role;
        this.resources = resources;
        this.allocated = resources.allocatedTo(role);
        this.task = task;
        this.latestState = task.getState();
    }

    String id() {
        return info.getTaskId().getValue();
    }

    String agentId() {
        return info.getAgentId().getValue();
    }

    /** The task's executor when the framework named one (custom or default), else null (command task). */
    ExecutorInfo executor() {
        return info.hasExecutor() ? info.getExecutor() : groupExecutor;
    }

    boolean terminal() {
        return TaskStates.terminal(latestState);
    }
}

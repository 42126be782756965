package io.osmos.api.task;

import java.util.EnumSet;
import java.util.Set;

import io.osmos.proto.v1.TaskState;

/** Facts about task states. */
public final class TaskStates {

    private static final Set<TaskState> TERMINAL = EnumSet.of(TaskState.TASK_FINISHED, TaskState.TASK_FAILED,
            TaskState.TASK_KILLED, TaskState.TASK_LOST, TaskState.TASK_ERROR, TaskState.TASK_DROPPED,
            TaskState.TASK_GONE, TaskState.TASK_GONE_BY_OPERATOR);

    private TaskStates() {
    }

    public static boolean terminal(TaskState state) {
        return TERMINAL.contains(state);
    }
}

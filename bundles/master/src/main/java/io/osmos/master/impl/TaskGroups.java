package io.osmos.master.impl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.osmos.api.resources.Resources;
import io.osmos.api.task.TaskStates;
import io.osmos.proto.v1.ExecutorInfo;
import io.osmos.proto.v1.Offer;
import io.osmos.proto.v1.TaskGroupInfo;
import io.osmos.proto.v1.TaskInfo;

/**
 * The master's checks of a LAUNCH_GROUP (a task group for the default executor), with Mesos'
 * messages: the executor, each task, resource limits and share_cgroups (reference §1.2).
 */
final class TaskGroups {

    private TaskGroups() {
    }

    /** Null when the group may launch on the agent with what is available. */
    static String validate(Offer.Operation.LaunchGroup launch, FrameworkRecord framework, String agentId,
            Resources available, AgentRecord agent, boolean executorRunning) {
        ExecutorInfo executor = launch.getExecutor();
        TaskGroupInfo group = launch.getTaskGroup();
        String problem = validateExecutor(executor, framework);
        if (problem != null) {
            return problem;
        }
        if (group.getTasksCount() == 0) {
            return "Task group must not be empty";
        }
        Set<String> ids = new HashSet<>();
        Resources wanted = executorRunning ? Resources.EMPTY : Resources.of(executor.getResourcesList());
        for (TaskInfo task : group.getTasksList()) {
            if (task.hasExecutor()) {
                return "Task '" + task.getTaskId().getValue() + "': 'TaskInfo.executor' must not be set";
            }
            if (!ids.add(task.getTaskId().getValue())) {
                return "Task group has duplicate task ID: " + task.getTaskId().getValue();
            }
            problem = TaskValidator.validate(task, framework, agentId, Resources.of(task.getResourcesList()), agent);
            if (problem == null && !task.getLimitsMap().isEmpty() && ResourceLimits.shareCgroups(task) != Boolean.FALSE) {
                problem = "Resource limits may only be set for tasks within a task group when the 'share_cgroups' "
                        + "field is set to 'false'.";
            }
            if (problem != null) {
                return "Task '" + task.getTaskId().getValue() + "': " + problem;
            }
            wanted = wanted.plus(Resources.of(task.getResourcesList()));
        }
        problem = validateShareCgroups(group, executor, framework, agentId);
        if (problem != null) {
            return problem;
        }
        if (!available.contains(wanted)) {
            return "Task group uses more resources " + wanted + " than available " + available;
        }
        return null;
    }

    private static String validateExecutor(ExecutorInfo executor, FrameworkRecord framework) {
        if (executor.getType() != ExecutorInfo.Type.DEFAULT) {
            return "'ExecutorInfo.type' must be 'DEFAULT'";
        }
        if (executor.hasCommand()) {
            return "'ExecutorInfo.command' must not be set for 'DEFAULT' executor";
        }
        if (executor.getExecutorId().getValue().isEmpty()) {
            return "'ExecutorInfo.executor_id' must not be empty";
        }
        if (executor.hasFrameworkId() && !executor.getFrameworkId().getValue().equals(framework.id())) {
            return "ExecutorInfo has an invalid FrameworkID (Actual: " + executor.getFrameworkId().getValue()
                    + " vs Expected: " + framework.id() + ")";
        }
        if (executor.hasContainer() && executor.getContainer().hasLinuxInfo()
                && executor.getContainer().getLinuxInfo().hasShareCgroups()
                && executor.getContainer().getLinuxInfo().getShareCgroups()) {
            return "The 'share_cgroups' field cannot be set to 'true' on executor containers";
        }
        return null;
    }

    /** Every task of the group, and every live task of the same executor on the agent, must agree. */
    private static String validateShareCgroups(TaskGroupInfo group, ExecutorInfo executor, FrameworkRecord framework,
            String agentId) {
        List<Boolean> values = new ArrayList<>();
        group.getTasksList().forEach(t -> values.add(effective(t)));
        for (TaskRecord record : framework.tasks.values()) {
            if (record.info.getAgentId().getValue().equals(agentId) && record.info.hasExecutor() == false
                    && record.task.getExecutorId().equals(executor.getExecutorId())
                    && !TaskStates.terminal(record.latestState)) {
                values.add(effective(record.info));
            }
        }
        if (values.stream().distinct().count() > 1) {
            return "If set, the value of 'share_cgroups' must be the same for all tasks in each task group and "
                    + "under a single executor";
        }
        return null;
    }

    private static boolean effective(TaskInfo task) {
        Boolean share = ResourceLimits.shareCgroups(task);
        return share == null || share;
    }

    /** Whether the framework already runs this executor on the agent (its resources are then already counted). */
    static boolean executorRunning(FrameworkRecord framework, String agentId, ExecutorInfo executor) {
        return framework.tasks.values().stream().anyMatch(r -> r.info.getAgentId().getValue().equals(agentId)
                && r.task.getExecutorId().equals(executor.getExecutorId()) && !TaskStates.terminal(r.latestState));
    }
}

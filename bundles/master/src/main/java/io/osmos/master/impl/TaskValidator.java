package io.osmos.master.impl;

import io.osmos.api.resources.Resources;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.TaskInfo;

/** The master's checks of a task in a LAUNCH, with Mesos' messages; null when the task is valid. */
final class TaskValidator {

    private TaskValidator() {
    }

    static String validate(TaskInfo task, FrameworkRecord framework, String offerAgentId, Resources available,
            AgentRecord agent) {
        String id = task.getTaskId().getValue();
        if (id.isEmpty()) {
            return "ID must not be empty";
        }
        if (id.contains("/") || id.equals(".") || id.equals("..") || id.chars().anyMatch(Character::isISOControl)) {
            return "'" + id + "' contains invalid characters";
        }
        if (framework.tasks.containsKey(id)) {
            return "Task has duplicate ID: " + id;
        }
        if (!task.getAgentId().getValue().equals(offerAgentId)) {
            return "Task uses invalid agent: " + task.getAgentId().getValue();
        }
        if (task.hasExecutor() == task.hasCommand()) {
            return "Task should have at least one (but not both) of CommandInfo or ExecutorInfo present";
        }
        if (task.hasKillPolicy() && task.getKillPolicy().hasGracePeriod()
                && task.getKillPolicy().getGracePeriod().getNanoseconds() < 0) {
            return "Task's 'kill_policy' must have a non-negative grace period";
        }
        if (task.getResourcesCount() == 0) {
            return "Task uses no resources";
        }
        for (Resource resource : task.getResourcesList()) {
            if (resource.getType() == io.osmos.proto.v1.Value.Type.SCALAR
                    && !(resource.getScalar().getValue() >= 0 && Double.isFinite(resource.getScalar().getValue()))) {
                return "Invalid resource " + resource.getName() + ": a scalar must be finite and non-negative";
            }
        }
        Resources wanted = Resources.of(task.getResourcesList());
        if (!available.contains(wanted)) {
            return "Task uses more resources " + wanted + " than available " + available;
        }
        return ResourceLimits.validate(task, agent);
    }
}

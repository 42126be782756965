package io.osmos.master.impl;

import java.util.Map;

import io.osmos.proto.v1.AgentInfo;
import io.osmos.proto.v1.Resource;
import io.osmos.proto.v1.TaskInfo;
import io.osmos.proto.v1.Value;

/** The master's checks of task resource limits and share_cgroups (reference §1.2), with Mesos' messages. */
final class ResourceLimits {

    private ResourceLimits() {
    }

    /** Limits of one task against its requests and its agent; null when valid. */
    static String validate(TaskInfo task, AgentRecord agent) {
        if (task.getLimitsMap().isEmpty()) {
            return null;
        }
        if (agent == null || agent.capabilities().stream()
                .noneMatch(c -> c.getType() == AgentInfo.Capability.Type.TASK_RESOURCE_LIMITS)) {
            return "Agent is not capable of handling task resource limits";
        }
        for (Map.Entry<String, Value.Scalar> limit : task.getLimitsMap().entrySet()) {
            if (!limit.getKey().equals("cpus") && !limit.getKey().equals("mem")) {
                return "Only cpus and mem may be included in a task's resource limits";
            }
            double value = limit.getValue().getValue();
            if (Double.isNaN(value) || value < 0) {
                return "The " + limit.getKey() + " limit must be a non-negative number or infinity";
            }
        }
        String cpu = compare(task, "cpus", "CPU", "cpu");
        return cpu != null ? cpu : compare(task, "mem", "memory", "memory");
    }

    private static String compare(TaskInfo task, String name, String title, String lower) {
        Value.Scalar limit = task.getLimitsMap().get(name);
        if (limit == null) {
            return null;
        }
        Double request = request(task, name);
        if (request == null) {
            return "When a " + title + " limit is specified, a " + title + " request must also be specified";
        }
        if (!Double.isInfinite(limit.getValue()) && limit.getValue() < request) {
            return "The " + lower + " limit must be greater than or equal to the " + lower + " request";
        }
        return null;
    }

    private static Double request(TaskInfo task, String name) {
        Double sum = null;
        for (Resource resource : task.getResourcesList()) {
            if (resource.getName().equals(name) && resource.getType() == Value.Type.SCALAR) {
                sum = (sum == null ? 0 : sum) + resource.getScalar().getValue();
            }
        }
        return sum;
    }

    /** share_cgroups for a LAUNCH (command or custom-executor) task; null when valid. */
    static String validateShareCgroupsForLaunch(TaskInfo task) {
        if (shareCgroups(task) == Boolean.FALSE) {
            return "Only tasks in a task group may have 'share_cgroups' set to 'false'";
        }
        if (task.hasExecutor() && task.getExecutor().hasContainer() && task.getExecutor().getContainer().hasLinuxInfo()
                && task.getExecutor().getContainer().getLinuxInfo().hasShareCgroups()
                && task.getExecutor().getContainer().getLinuxInfo().getShareCgroups()) {
            return "The 'share_cgroups' field cannot be set to 'true' on executor containers";
        }
        return null;
    }

    /** The task's share_cgroups if it set one, else null (which counts as true). */
    static Boolean shareCgroups(TaskInfo task) {
        return task.hasContainer() && task.getContainer().hasLinuxInfo() && task.getContainer().getLinuxInfo().hasShareCgroups()
                ? task.getContainer().getLinuxInfo().getShareCgroups() : null;
    }
}
